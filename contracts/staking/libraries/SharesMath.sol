// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SharesMath
/// @notice Token <-> share conversions of the staking pools, with virtual shares and a virtual token.
/// @dev Formula (OZ ERC4626 with a decimals offset of 6, Morpho `SharesMathLib`):
/// `shares = tokens * (totalShares + 1e6) / (totalTokens + 1)` and
/// `tokens = shares * (totalTokens + 1) / (totalShares + 1e6)`.
/// The virtual token keeps the rate finite when a pool is empty or fully slashed (a depositor into a
/// pool with shares but 0 tokens loses at most 1 wei to the old, worthless shares); the 1e6 virtual
/// shares make a first-depositor inflation attack cost the attacker 1e6 times what it can steal.
/// Rounding (README, "Rounding"): the function name says the direction; callers pick the direction that
/// favours the pool (shares minted down, shares burned up, tokens paid out down).
library SharesMath {
    /// @dev Virtual shares: 10^6, the OZ ERC4626 decimals offset of 6.
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    /// @dev Virtual tokens: 1 wei.
    uint256 internal constant VIRTUAL_TOKENS = 1;

    /// @notice Shares worth `tokens`, rounded down (used when minting shares).
    function toSharesDown(uint256 tokens, uint256 totalTokens, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(tokens, totalShares + VIRTUAL_SHARES, totalTokens + VIRTUAL_TOKENS, Math.Rounding.Floor);
    }

    /// @notice Shares worth `tokens`, rounded up (used when burning shares for a token amount).
    function toSharesUp(uint256 tokens, uint256 totalTokens, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(tokens, totalShares + VIRTUAL_SHARES, totalTokens + VIRTUAL_TOKENS, Math.Rounding.Ceil);
    }

    /// @notice Tokens worth `shares`, rounded down (used when paying out or valuing a position).
    function toTokensDown(uint256 shares, uint256 totalTokens, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(shares, totalTokens + VIRTUAL_TOKENS, totalShares + VIRTUAL_SHARES, Math.Rounding.Floor);
    }
}
