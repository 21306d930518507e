// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStabilityFactor
/// @notice The stability source the CAESAR fee engine reads (the stability controller of CAESAR part 2). Until one
/// is set the factor is neutral (1.0, no deviation).
/// @dev The token reads it only in `refreshFactors` (never during a transfer); a source that reverts or returns
/// malformed data yields the neutral factor, so it can never block transfers.
interface IStabilityFactor {
    /// @notice The stability factor and the current deviation of the market price from the target.
    /// @return factorBps stability factor (bps of 1.0; clamped by the fee engine to 0.5-2.0)
    /// @return deviationBps absolute deviation of the market price from the target (bps of the target)
    function stabilityFactor() external view returns (uint256 factorBps, uint256 deviationBps);
}
