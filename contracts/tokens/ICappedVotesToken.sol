// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title ICappedVotesTokenErrors
/// @notice The default errors of `CappedVotesToken`. They sit in their own interface, which the base does not
/// inherit, so a token joins them to its ABI only if its code can throw them: a token that names its own errors
/// through the base's `_revert*` hooks (QUIV keeps `QuivCapExceeded`, `QuivZeroAmount`) keeps its ABI unchanged.
interface ICappedVotesTokenErrors {
    /// @notice A mint would push the cumulative minted supply over the cap.
    /// @param totalMinted cumulative minted supply before the mint (wei)
    /// @param amount requested mint (wei)
    /// @param cap the hard cap (wei)
    error CappedVotesCapExceeded(uint256 totalMinted, uint256 amount, uint256 cap);

    /// @notice A mint of zero tokens, which is always a caller mistake.
    error CappedVotesZeroAmount();

    /// @notice The cap given to the constructor is zero or above ERC20Votes' safe supply (2^208 - 1).
    /// @param cap the rejected cap (wei)
    /// @param maxCap the largest cap the votes checkpoints can hold (wei)
    error CappedVotesInvalidCap(uint256 cap, uint256 maxCap);
}

/// @title ICappedVotesToken
/// @notice A kit token base: ERC-20 with EIP-2612 permit, ERC-5805 votes on a timestamp clock
/// (ERC-6372 "mode=timestamp"), burnable by holders, and a hard cap on the *cumulative* minted supply.
/// @dev The cap bounds `totalMinted()`, not `totalSupply()`: burning never reopens room under the cap. Who may
/// mint is the final token's choice (the base only offers the internal `_mintCapped`).
interface ICappedVotesToken is IERC20, IERC5805 {
    /// @notice Destroys `amount` of the caller's tokens.
    /// @param amount wei to burn
    function burn(uint256 amount) external;

    /// @notice Destroys `amount` of `account`'s tokens, spending the caller's allowance.
    /// @param account holder whose tokens are burned
    /// @param amount wei to burn
    function burnFrom(address account, uint256 amount) external;

    /// @notice The hard cap on cumulative minted supply (wei), fixed at deployment.
    function cap() external view returns (uint256);

    /// @notice Cumulative supply minted since deployment. Never decreases.
    function totalMinted() external view returns (uint256);

    /// @notice Cumulative supply burned since deployment: `totalMinted() - totalSupply()`.
    function totalBurned() external view returns (uint256);
}
