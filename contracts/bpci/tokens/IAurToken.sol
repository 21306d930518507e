// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";

/// @title IAurToken
/// @notice AUR (Aurum), BPCI's gold-backed settlement token: minted by `ISSUER_ROLE` only while the proof-of-reserve
/// feed covers the supply after the mint plus a margin; burned only by `redeem`, which emits what the custodian must
/// release. EIP-2612 permit, ERC-5805 votes on the timestamp clock. No transfer fee.
/// @dev Powers. `DEFAULT_ADMIN_ROLE` (the timelock) grants `ISSUER_ROLE` and resumes minting after a flagged
/// shortfall once reserves cover the supply again; the issuer mints within the reserve guard; anyone calls
/// `checkReserves`, which pauses minting when reported reserves fall below the supply. Nobody can stop a redemption.
/// The reserve feed reports reserves in AUR units (1 AUR = one unit of gold, e.g. one gram), any decimals; it is read
/// through the kit FeedReader with heartbeat `bpci.aur.reserveHeartbeat`: a stale, future, incomplete, reverting or
/// non-positive answer reverts the mint with the `IFeedReader` error (minting halts, redemptions stay open).
/// Warning: proof of reserve reports the custodian's attestation with its own lag; the guard is as good as the feed.
/// The margin is a percentage, so for a tiny supply it rounds up to one wei (never down to zero).
interface IAurToken is IERC20, IERC5805, IFeedReader {
    /// @notice The reserves do not cover the supply after the mint plus the margin.
    /// @param issuer the caller
    /// @param amount requested mint (wei)
    /// @param reserves reported reserves, scaled to 18 decimals (wei)
    /// @param required `(totalSupply + amount) * (10,000 + marginBps) / 10,000`, rounded up (wei)
    error AurReservesInsufficient(address issuer, uint256 amount, uint256 reserves, uint256 required);

    /// @notice Minting is paused since `checkReserves` saw reserves below the supply at `pausedAt`.
    /// @param issuer the caller
    /// @param pausedAt when the shortfall was flagged (unix s)
    error AurMintingPaused(address issuer, uint256 pausedAt);

    /// @notice `resumeMinting` while reserves are still below the supply.
    /// @param reserves reported reserves (wei)
    /// @param supply the supply (wei)
    error AurReservesBelowSupply(uint256 reserves, uint256 supply);

    /// @notice `resumeMinting` while minting is not paused.
    error AurMintingNotPaused();

    /// @notice A mint or redemption of zero tokens.
    error AurZeroAmount();

    /// @notice A zero address where an account or contract is required (admin, registry, feed).
    error AurZeroAddress();

    /// @notice Minting is halted: `bpci.stability.mintHalted` is 1 (the StabilityMonitor saw a deviation above the
    /// emergency threshold; governance resumes it). Redemptions and transfers are never halted.
    /// @param issuer the caller
    error AurMintingHalted(address issuer);

    /// @notice `holder` redeemed `amount` AUR (burned): the custodian must release `amount` of gold to `releaseTo`.
    /// @param redemptionId sequence number of the redemption (1 = the first)
    /// @param holder whose tokens were burned
    /// @param amount AUR burned (wei), the gold to release in AUR units
    /// @param releaseTo the holder's off-chain custody reference (account id at the custodian, hashed)
    event Redeemed(uint256 indexed redemptionId, address indexed holder, uint256 amount, bytes32 releaseTo);

    /// @notice `by` saw reported reserves `reserves` below the supply `supply` and paused minting.
    event ReserveShortfallFlagged(address indexed by, uint256 reserves, uint256 supply);

    /// @notice `by` (the admin) resumed minting with reserves `reserves` covering the supply `supply`.
    event MintingResumed(address indexed by, uint256 reserves, uint256 supply);

    /// @notice The role that mints against reserves (the custodian's issuer account).
    function ISSUER_ROLE() external view returns (bytes32);

    /// @notice The parameter registry AUR reads `bpci.aur.*` from.
    function registry() external view returns (IParameterRegistry);

    /// @notice The proof-of-reserve feed (AggregatorV3).
    function reserveFeed() external view returns (AggregatorV3Interface);

    /// @notice Whether minting is paused by a flagged shortfall, and since when (0 if not paused).
    function mintingPaused() external view returns (bool paused, uint256 pausedAt);

    /// @notice Number of redemptions so far (the id of the last one).
    function redemptionCount() external view returns (uint256);

    /// @notice Reserves needed for a supply of `supplyAfter` at the current margin (wei, rounded up).
    function requiredReserves(uint256 supplyAfter) external view returns (uint256);

    /// @notice The largest mint the feed allows now: 0 when paused, halted or the feed is unusable.
    /// @return status the feed read status
    /// @return reserves the scaled reserves (0 unless Ok)
    /// @return mintable the largest `amount` the guard accepts now (wei)
    function maxMintable() external view returns (IFeedReader.Status status, uint256 reserves, uint256 mintable);

    /// @notice Mints `amount` to `to` if the reserves cover `totalSupply() + amount` plus the margin. Only
    /// `ISSUER_ROLE`. Reverts `AurMintingHalted`, `AurMintingPaused`, an `IFeedReader` error, or
    /// `AurReservesInsufficient`.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of the caller's AUR and emits `Redeemed` for the custodian. Works whatever the feed
    /// says and while minting is paused.
    /// @param amount wei
    /// @param releaseTo the custody reference the gold is released to
    /// @return redemptionId the id in the `Redeemed` event
    function redeem(uint256 amount, bytes32 releaseTo) external returns (uint256 redemptionId);

    /// @notice Reads the feed; if it is usable and reports reserves below the supply, pauses minting. Anyone.
    /// @return status the feed read status (no effect unless Ok)
    /// @return reserves the scaled reserves (0 unless Ok)
    /// @return supply the supply (wei)
    /// @return paused whether minting is paused after the call
    function checkReserves()
        external
        returns (IFeedReader.Status status, uint256 reserves, uint256 supply, bool paused);

    /// @notice Lifts the pause of a flagged shortfall once the feed reports reserves covering the supply. Only
    /// `DEFAULT_ADMIN_ROLE` (the timelock). Reverts an `IFeedReader` error if the feed is unusable.
    function resumeMinting() external;
}
