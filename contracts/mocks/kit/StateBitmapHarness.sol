// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {StateBitmap} from "../../utils/StateBitmap.sol";

/// @notice Exposes the internal StateBitmap library to the tests.
contract StateBitmapHarness {
    /// @notice The one-bit bitmap of `state`.
    function encode(uint8 state) external pure returns (bytes32) {
        return StateBitmap.encode(state);
    }

    /// @notice Whether `bitmap` contains `state`.
    function contains(bytes32 bitmap, uint8 state) external pure returns (bool) {
        return StateBitmap.contains(bitmap, state);
    }
}
