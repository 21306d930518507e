// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";

/// @title IFlxToken
/// @notice FLX (Flux), BPCI's elastic operational money: balances are gons / gonsPerFragment (Ampleforth
/// UFragments), and a rebase driven by a usage feed scales every balance by the same factor. Allowances are in
/// fragments (the units `balanceOf` reports). EIP-2612 permit; no votes (vote through the kit's StaticVotesWrapper).
/// @dev Powers: none. There is no admin, no mint and no burn after genesis; anyone may call `rebase` once per
/// `bpci.flx.rebasePeriod`. Parameters (period, bound, deadband, target, heartbeat) come from the registry.
/// Warning: a rebase takes effect from the block after the one that computed it (`supplyState().nextFromBlock`):
/// within the rebase block every balance, transfer and allowance still uses the old supply, so nothing done in the
/// rebase transaction (a flash loan around it included) can capture the change. Contracts that hold FLX (AMM pools,
/// lending pools) see their balances change without a transfer and must `sync` after a rebase; integrate through
/// the static wrapper where that is a problem. A transfer moves `value * gonsPerFragment` gons, so it is exact in
/// fragments; `transferAll` moves every gon (no dust left behind).
interface IFlxToken is IERC20Metadata, IERC20Permit, IERC20Errors {
    /// @notice Supply as the token stores it: `current` applies before block `nextFromBlock`, `next` from it on.
    struct SupplyState {
        uint104 current;
        uint104 next;
        uint48 nextFromBlock;
    }

    /// @notice `rebase` before the period since the last one has passed.
    /// @param nowTs the block time (unix s)
    /// @param nextRebaseAt the earliest time of the next rebase (unix s)
    error FlxRebaseTooEarly(uint256 nowTs, uint256 nextRebaseAt);

    /// @notice The usage feed failed a FeedReader check (stale, non-positive, incomplete, ...): no rebase.
    /// @param feed the usage feed
    /// @param status the first check that failed
    error FlxUsageFeedUnusable(address feed, IFeedReader.Status status);

    /// @notice The usage answer was written in the rebase's own block: a rebase uses only values from earlier blocks.
    /// @param updatedAt the answer's time (unix s)
    /// @param nowTs the block time (unix s)
    error FlxUsageFeedSameBlock(uint256 updatedAt, uint256 nowTs);

    /// @notice The genesis supply is zero or above `MAX_SUPPLY`.
    error FlxInvalidGenesisSupply(uint256 supply, uint256 maxSupply);

    /// @notice The genesis recipient and amount lists differ in length.
    error FlxGenesisLengthMismatch(uint256 recipients, uint256 amounts);

    /// @notice A zero address where a contract is required (registry, feed).
    error FlxZeroAddress();

    /// @notice The permit's deadline has passed (OpenZeppelin ERC20Permit's error).
    error ERC2612ExpiredSignature(uint256 deadline);

    /// @notice The permit was signed by `signer`, not by `owner` (OpenZeppelin ERC20Permit's error).
    error ERC2612InvalidSigner(address signer, address owner);

    /// @notice Rebase number `epoch` scaled every balance by `1 + delta / 1e18`, from block `effectiveBlock` on.
    /// @param epoch the rebase count (1 = the first rebase)
    /// @param usage the usage answer used (18 decimals)
    /// @param delta the applied change (WAD, signed; already clamped, 0 inside the deadband)
    /// @param supplyBefore supply before (wei)
    /// @param supplyAfter supply from `effectiveBlock` (wei)
    /// @param effectiveBlock the first block that sees the new supply
    event Rebased(
        uint256 indexed epoch,
        uint256 usage,
        int256 delta,
        uint256 supplyBefore,
        uint256 supplyAfter,
        uint256 effectiveBlock
    );

    /// @notice The largest supply a rebase may reach: 2^104 - 1 wei (about 2e13 FLX).
    function MAX_SUPPLY() external view returns (uint256);

    /// @notice The parameter registry FLX reads its `bpci.flx.*` parameters from.
    function registry() external view returns (IParameterRegistry);

    /// @notice The usage feed (AggregatorV3; the usage index, 1.0 = the target by default).
    function usageFeed() external view returns (AggregatorV3Interface);

    /// @notice Rebases from the usage feed: reads it through FeedReader (heartbeat `bpci.flx.usageHeartbeat`), takes
    /// `delta = clamp((usage - target) / target, +-maxRebaseBps)` (0 within the deadband) and schedules the new
    /// supply for the next block. Callable by anyone, once per `bpci.flx.rebasePeriod`.
    /// @return supplyAfter the new supply (wei), effective from the next block
    function rebase() external returns (uint256 supplyAfter);

    /// @notice Moves the caller's whole balance (every gon) to `to`.
    /// @return value the fragments moved
    function transferAll(address to) external returns (uint256 value);

    /// @notice Moves `from`'s whole balance (every gon) to `to`, spending `balanceOf(from)` of the caller's allowance.
    /// @return value the fragments moved
    function transferAllFrom(address from, address to) external returns (uint256 value);

    /// @notice The gons `account` holds (its share of `scaledTotalSupply()`, unchanged by rebases).
    function scaledBalanceOf(address account) external view returns (uint256);

    /// @notice The total gons, fixed at deployment.
    function scaledTotalSupply() external view returns (uint256);

    /// @notice Gons per fragment now: `scaledTotalSupply() / totalSupply()`, rounded down.
    function gonsPerFragment() external view returns (uint256);

    /// @notice The stored supply: the current one and the one scheduled by the last rebase.
    function supplyState() external view returns (SupplyState memory);

    /// @notice The number of rebases so far.
    function epoch() external view returns (uint256);

    /// @notice Time of the last rebase, or the deployment time before the first (unix s).
    function lastRebaseAt() external view returns (uint256);

    /// @notice The EIP-712 domain separator of `permit`.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
