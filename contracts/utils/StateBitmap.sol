// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title StateBitmap
/// @notice The kit's state-machine convention (after OZ Governor's `_encodeStateBitmap` /
/// `_validateStateBitmap`): a stateful contract exposes a derived `state(id)` (or a named equivalent such as
/// `caseState`) returning an enum, and checks every transition in one `_validateStateBitmap(id, allowed)`
/// that reverts with its `XUnexpectedState(id, current, allowed)` error unless `current` is in `allowed`.
/// `allowed` is a `bytes32` with bit `uint8(state)` set for each allowed state, built only with `encode`
/// (never an inline shift). The membership test is `contains`; the hottest validators (JobBook, DisputeManager,
/// PaymentChannels, StakingSlashCases) write it out as `uint256(allowed) & (1 << uint8(current))`, which is the
/// same expression without the library call (~17 gas less per transition, measured). One validator per state
/// machine, as in OZ Governor: each reads its own `state(id)` and reverts with its own typed error, so the
/// validators of one contract look alike without being one function. Enums of at most 256 members fit.
library StateBitmap {
    /// @notice The bitmap with only the bit of `state` set.
    /// @param state an enum value cast to uint8
    function encode(uint8 state) internal pure returns (bytes32) {
        return bytes32(uint256(1) << state);
    }

    /// @notice Whether `bitmap` has the bit of `state` set.
    /// @param bitmap a bitmap built with `encode` (and `|`)
    /// @param state an enum value cast to uint8
    function contains(bytes32 bitmap, uint8 state) internal pure returns (bool) {
        return bitmap & encode(state) != 0;
    }
}
