// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRegionalModifier
/// @notice The regional price matrix seen by the CAESAR fee engine (CAESAR part 2). Plain transfers carry no region
/// and use the neutral modifier 1.0; processed authorizations (next part) name the payer's region.
interface IRegionalModifier {
    /// @notice The modifier of `region` at `timestamp` seen from `originRegion`.
    /// @param region the payer's region id (0 = none)
    /// @param timestamp unix seconds (temporal factors)
    /// @param originRegion the processing agent's region id (0 = none)
    /// @return modifierBps the modifier (bps of 1.0; clamped by the fee engine to 0.5-2.0)
    function quote(uint32 region, uint256 timestamp, uint32 originRegion) external view returns (uint256 modifierBps);
}
