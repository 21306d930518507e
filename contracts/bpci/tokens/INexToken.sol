// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICappedVotesToken} from "../../tokens/ICappedVotesToken.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";

/// @title INexToken
/// @notice NEX (Nexus), BPCI's mining-reward token: minted only by `MINTER_ROLE` (the PoE mining contract), at most
/// `bpci.nex.yearlyCap` per issuance year, and at most `cap()` over its lifetime; burnable by holders, EIP-2612
/// permit, ERC-5805 votes on the timestamp clock.
/// @dev Powers. `DEFAULT_ADMIN_ROLE` (the timelock) grants and revokes `MINTER_ROLE` and nothing else; the minter
/// mints within both caps. Issuance years are fixed windows of 365 days from deployment: year `y` covers
/// `[genesis + y * 365 days, genesis + (y + 1) * 365 days)`.
/// Warning: fixed windows let up to twice the yearly cap be minted within a short span across a year boundary (the
/// end of one year and the start of the next); a sliding window would cost a per-mint history. The cap read is the
/// registry value at the time of each mint: lowering it mid-year below what was minted stops minting for the rest
/// of that year, raising it opens room at once (both rate-limited by the registry).
interface INexToken is ICappedVotesToken {
    /// @notice The mint would take the current issuance year's minting above the yearly cap.
    /// @param minter the caller
    /// @param year the issuance year (0 = the first 365 days)
    /// @param mintedInYear minted in that year before this mint (wei)
    /// @param amount requested mint (wei)
    /// @param yearlyCap `bpci.nex.yearlyCap` now (wei)
    error NexYearlyCapExceeded(address minter, uint256 year, uint256 mintedInYear, uint256 amount, uint256 yearlyCap);

    /// @notice A mint past the lifetime cap on cumulative minted supply.
    /// @param totalMinted cumulative minted supply before the mint (wei)
    /// @param amount requested mint (wei)
    /// @param cap the lifetime cap (wei)
    error NexCapExceeded(uint256 totalMinted, uint256 amount, uint256 cap);

    /// @notice A mint of zero tokens.
    error NexZeroAmount();

    /// @notice The lifetime cap given at deployment is zero or above 2^208 - 1.
    error NexInvalidCap(uint256 cap, uint256 maxCap);

    /// @notice A zero address where an account or contract is required (admin, registry).
    error NexZeroAddress();

    /// @notice Minting is halted: `bpci.stability.mintHalted` is 1 (the StabilityMonitor saw a deviation above the
    /// emergency threshold; governance resumes it). Transfers and burns are never halted.
    /// @param minter the caller
    error NexMintingHalted(address minter);

    /// @notice `minter` minted `amount` NEX to `to`, bringing issuance year `year` to `mintedInYear`.
    event NexMinted(
        address indexed minter,
        address indexed to,
        uint256 amount,
        uint256 indexed year,
        uint256 mintedInYear
    );

    /// @notice The role that mints (the PoE mining contract).
    function MINTER_ROLE() external view returns (bytes32);

    /// @notice Length of an issuance year: 365 days (seconds).
    function YEAR() external view returns (uint256);

    /// @notice The parameter registry NEX reads `bpci.nex.yearlyCap` from.
    function registry() external view returns (IParameterRegistry);

    /// @notice Start of issuance year 0 (unix seconds): the deployment time.
    function genesisTime() external view returns (uint256);

    /// @notice The current issuance year.
    function currentYear() external view returns (uint256);

    /// @notice What the current issuance year has used and has left.
    /// @return year the current issuance year
    /// @return minted minted in it so far (wei)
    /// @return yearlyCap `bpci.nex.yearlyCap` now (wei)
    /// @return remaining what a mint may still take this year (wei; 0 when the cap was lowered below `minted` or
    /// while minting is halted by `bpci.stability.mintHalted`), not counting the lifetime cap
    function yearlyAllowance()
        external
        view
        returns (uint256 year, uint256 minted, uint256 yearlyCap, uint256 remaining);

    /// @notice Mints `amount` to `to`. Only `MINTER_ROLE`. Reverts `NexMintingHalted`, `NexYearlyCapExceeded`,
    /// `NexCapExceeded` or `NexZeroAmount`.
    /// @param to receiver
    /// @param amount wei
    function mint(address to, uint256 amount) external;
}
