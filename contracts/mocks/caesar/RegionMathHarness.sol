// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RegionMath} from "../../caesar/regions/RegionMath.sol";

/// @notice Exposes RegionMath for the differential test against sdk/caesar/core/regions.ts.
contract RegionMathHarness {
    function hopTerm(uint256 hopsBps, uint256 hops) external pure returns (uint256) {
        return RegionMath.hopTerm(hopsBps, hops);
    }

    function spilloverTerm(int256 sum, uint256 degree) external pure returns (uint256) {
        return RegionMath.spilloverTerm(sum, degree);
    }

    function combine(uint256 g, uint256 r, uint256 h, uint256 t, uint256 s) external pure returns (uint256) {
        return RegionMath.combine(g, r, h, t, s);
    }

    function hourOf(uint256 timestamp) external pure returns (uint256) {
        return RegionMath.hourOf(timestamp);
    }
}
