// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PricingMath} from "../../quiver/pricing/PricingMath.sol";

/// @notice Test-only: exposes PricingMath for the differential tests against sdk/quiver/core/pricing.ts.
contract PricingMathHarness {
    function jobWeight(uint256 price, uint256 referencePrice) external pure returns (uint256) {
        return PricingMath.jobWeight(price, referencePrice);
    }

    function ratePerInterval(uint256 amount, uint256 interval, uint256 elapsed) external pure returns (uint256) {
        return PricingMath.ratePerInterval(amount, interval, elapsed);
    }

    function emaStep(uint256 ema, uint256 sample, uint256 alphaBps) external pure returns (uint256) {
        return PricingMath.emaStep(ema, sample, alphaBps);
    }

    function targetPrice(uint256 baseRate, uint256 demand, uint256 supply) external pure returns (uint256) {
        return PricingMath.targetPrice(baseRate, demand, supply);
    }

    function stepPrice(
        uint256 current,
        uint256 target,
        uint256 maxStepBps,
        uint256 floor,
        uint256 ceiling
    ) external pure returns (uint256) {
        return PricingMath.stepPrice(current, target, maxStepBps, floor, ceiling);
    }

    function congestionBps(uint256 demand, uint256 supply) external pure returns (uint256) {
        return PricingMath.congestionBps(demand, supply);
    }

    function nextFee(
        uint256 fee,
        uint256 congestion,
        uint256[6] calldata p // highBps, lowBps, raiseBps, cutBps, minFee, maxFee
    ) external pure returns (uint256) {
        return PricingMath.nextFee(fee, congestion, p[0], p[1], p[2], p[3], p[4], p[5]);
    }
}
