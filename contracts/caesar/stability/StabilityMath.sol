// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title StabilityMath
/// @notice The PI controller of CAESAR's StabilityController (RAI style), pure and mirrored exactly by
/// `sdk/caesar/core/stability.ts`. Deviation and error in WAD (1e18 = 100%), the integral in WAD-seconds, gains in bps.
///   deviation = (market - target) / target, capped at +MAX_DEVIATION
///   error     = 0 inside the deadband, else the deviation minus the band (continuous at the band's edge)
///   integral' = integral * (1 - leak) + error * dt            (the leak, per update, against windup)
///   output    = clamp(kp * error + ki * integral' / 1 day, +-maxOutput)
/// Signed divisions truncate toward zero, as BigInt division does.
library StabilityMath {
    /// @notice 1.0 in WAD.
    int256 internal constant WAD = 1e18;
    /// @notice bps to WAD.
    int256 internal constant BPS_TO_WAD = 1e14;
    /// @notice Largest deviation used (+10,000%): bounds every product below.
    int256 internal constant MAX_DEVIATION = 100e18;

    /// @dev The result of one controller step.
    struct Step {
        int256 deviation;
        int256 error;
        int256 integral;
        int256 output;
    }

    /// @notice (market - target) / target in WAD, capped at MAX_DEVIATION (target > 0).
    function deviation(uint256 market, uint256 target) internal pure returns (int256) {
        if (market >= target * 101) return MAX_DEVIATION;
        return ((int256(market) - int256(target)) * WAD) / int256(target);
    }

    /// @notice The error after the deadband `deadbandBps`.
    function errorOf(int256 dev, uint256 deadbandBps) internal pure returns (int256) {
        int256 band = int256(deadbandBps) * BPS_TO_WAD;
        if (dev > band) return dev - band;
        if (dev < -band) return dev + band;
        return 0;
    }

    /// @notice One step: the new integral and the clamped output.
    /// @param integral the integral before the step
    /// @param market market price (WAD, at most 2^128 - 1)
    /// @param target target price (WAD, > 0)
    /// @param dt seconds since the previous step (already capped by the caller)
    /// @param g gains: deadbandBps, kpBps, kiBps (per day), leakBps, maxOutputBps
    function step(
        int256 integral,
        uint256 market,
        uint256 target,
        uint256 dt,
        uint256[5] memory g
    ) internal pure returns (Step memory s) {
        s.deviation = deviation(market, target);
        s.error = errorOf(s.deviation, g[0]);
        // 10_000 is the kit's BPS as a literal: a signed constant converted from utils/Constants.sol cost 137 gas
        // more per controller update (measured).
        s.integral = (integral * int256(10_000 - g[3])) / 10_000 + s.error * int256(dt);
        int256 u = (s.error * int256(g[1])) / 10_000 + (s.integral * int256(g[2])) / (10_000 * 1 days);
        int256 bound = int256(g[4]) * BPS_TO_WAD;
        s.output = u > bound ? bound : (u < -bound ? -bound : u);
    }

    /// @notice |x| in bps (floor).
    function absBps(int256 x) internal pure returns (uint256) {
        return uint256(x < 0 ? -x : x) / uint256(BPS_TO_WAD);
    }
}
