// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRegionalModifier
/// @notice The regional price matrix seen by the CAESAR processor (RegionalPriceMatrix). Plain transfers carry no
/// region and use the neutral modifier 1.0; relayed authorizations name the payer's region, and the processor
/// weighs the agent's points by the modifier of the payer's region seen from the agent's.
interface IRegionalModifier {
    /// @notice The modifier of `region` at `timestamp` seen from `originRegion`.
    /// @param region the payer's region id (0 or an unknown id = none: 10,000)
    /// @param timestamp unix seconds (the temporal factor of its UTC hour)
    /// @param originRegion the processing agent's region id (0 = none: no hops)
    /// @return modifierBps the modifier (bps of 1.0, within 5,000..20,000)
    function quote(uint16 region, uint256 timestamp, uint16 originRegion) external view returns (uint256 modifierBps);
}
