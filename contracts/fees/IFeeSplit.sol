// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IFeeSplit
/// @notice Errors of the FeeSplit library, declared once so every contract that splits fees reverts the
/// same way and the SDK decodes one error set.
interface IFeeSplit {
    /// @notice The basis-point shares do not add up to exactly 10,000 (100%).
    /// @param sumBps the sum that was given
    error FeeSplitSharesNotWhole(uint256 sumBps);

    /// @notice A split was asked for with no legs at all.
    error FeeSplitNoLegs();
}
