// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BPS, WAD} from "../../utils/Constants.sol";

/// @notice Exposes the kit's file-level constants (utils/Constants.sol) to the tests.
contract ConstantsHarness {
    /// @notice 100% in basis points.
    function bps() external pure returns (uint256) {
        return BPS;
    }

    /// @notice 1.0 in 18-decimal fixed point.
    function wad() external pure returns (uint256) {
        return WAD;
    }
}
