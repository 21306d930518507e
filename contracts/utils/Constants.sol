// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @dev 100% in basis points: the kit's one basis-point unit (shares, caps, commissions, fee legs).
uint256 constant BPS = 10_000;

/// @dev 1.0 in 18-decimal fixed point (token amounts and per-token rates).
uint256 constant WAD = 1e18;
