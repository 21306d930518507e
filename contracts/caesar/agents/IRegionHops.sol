// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRegionHops
/// @notice Network distance between two CAESAR regions (the second CAESAR issue adds regions). Until a source is
/// set the processor counts 0 hops; a reverting source also counts 0.
interface IRegionHops {
    /// @notice Hops between the payer's region `from` and the agent's region `to`.
    function hops(uint16 from, uint16 to) external view returns (uint256);
}
