// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStabilityRegime} from "../../caesar/stability/IStabilityRegime.sol";

/// @title MockStabilityRegime
/// @notice A settable controller regime for the StabilityGate tests (the real controller is tested on its own).
contract MockStabilityRegime is IStabilityRegime {
    bool private _paused;
    int256 private _deviation;
    int256 private _output;

    /// @notice Sets the regime the gate reads.
    function set(bool paused_, int256 deviationWad, int256 outputWad) external {
        _paused = paused_;
        _deviation = deviationWad;
        _output = outputWad;
    }

    /// @inheritdoc IStabilityRegime
    function regime() external view returns (bool, int256, int256) {
        if (_paused) return (true, 0, 0);
        return (false, _deviation, _output);
    }
}
