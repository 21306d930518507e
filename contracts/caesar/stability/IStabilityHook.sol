// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStabilityHook
/// @notice What CaesarToken asks its stability gate on a transfer from or to a registered pool (never on a
/// wallet-to-wallet transfer): the call reverts (with the gate's own custom error) to refuse the transfer.
interface IStabilityHook {
    /// @notice Reverts when a direct trade on `pool` (a buy when `buy`: CAESAR leaving the pool; a sell otherwise)
    /// must go through the gate instead; returns otherwise.
    /// @param pool the registered pool
    /// @param buy true when CAESAR leaves the pool
    function checkPoolTrade(address pool, bool buy) external view;
}
