// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStabilityRegime
/// @notice The controller's regime in one cheap read (no registry call): what StabilityGate reads on every trade.
interface IStabilityRegime {
    /// @notice The pause flag, the deviation (WAD, + above target) and the clamped PI output (WAD) at the last
    /// update; a paused controller returns (true, 0, 0).
    function regime() external view returns (bool paused, int256 deviationWad, int256 outputWad);
}
