// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DemurrageMath} from "../../caesar/DemurrageMath.sol";
import {CaesarFeeMath} from "../../caesar/fees/CaesarFeeMath.sol";

/// @notice Test harness: DemurrageMath and CaesarFeeMath exposed for the differential tests against sdk/caesar/core.
contract CaesarMathHarness {
    function rpowDown(uint256 x, uint256 n) external pure returns (uint256) {
        return DemurrageMath.rpowDown(x, n);
    }

    function dailyFactor(uint256 rateBps) external pure returns (uint256) {
        return DemurrageMath.dailyFactor(rateBps);
    }

    function indexAfter(uint256 anchorIndex, uint256 g, uint256 days_) external pure returns (uint256) {
        return DemurrageMath.indexAfter(anchorIndex, g, days_);
    }

    function toBaseUp(uint256 amount, uint256 idx) external pure returns (uint256) {
        return DemurrageMath.toBaseUp(amount, idx);
    }

    function toBaseDown(uint256 amount, uint256 idx) external pure returns (uint256) {
        return DemurrageMath.toBaseDown(amount, idx);
    }

    function toAmountDown(uint256 base, uint256 idx) external pure returns (uint256) {
        return DemurrageMath.toAmountDown(base, idx);
    }

    function toAmountUp(uint256 base, uint256 idx) external pure returns (uint256) {
        return DemurrageMath.toAmountUp(base, idx);
    }

    function fee(uint256 amount, CaesarFeeMath.FeeInputs calldata f) external pure returns (uint256) {
        return CaesarFeeMath.fee(amount, f);
    }

    function stabilityTerm(uint256 f, uint256 d, uint256 t, uint256 m) external pure returns (uint256) {
        return CaesarFeeMath.stabilityTerm(f, d, t, m);
    }

    function nextCongestion(
        uint256 current,
        uint256 transfers,
        uint256 target,
        uint256 stepBps,
        uint256 maxBps,
        uint256 elapsed
    ) external pure returns (uint256) {
        return CaesarFeeMath.nextCongestion(current, transfers, target, stepBps, maxBps, elapsed);
    }

    function penaltyBps(
        uint256 count,
        uint256 threshold,
        uint256 stepBps,
        uint256 capBps
    ) external pure returns (uint256) {
        return CaesarFeeMath.penaltyBps(count, threshold, stepBps, capBps);
    }

    function penalty(uint256 amount, uint256 bps) external pure returns (uint256) {
        return CaesarFeeMath.penalty(amount, bps);
    }
}
