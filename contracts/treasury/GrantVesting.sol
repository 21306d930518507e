// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title GrantVesting
/// @notice Linear vesting with a cliff, the same curve as OZ VestingWalletCliff.
/// @dev vested(t) = 0 for t < cliff; amount for t >= start + duration; otherwise
/// floor(amount * (t - start) / duration). Rounding is down, in favour of the treasury. Monotone in t because
/// start <= cliff and the linear part is non-decreasing.
library GrantVesting {
    /// @notice Amount vested at `t` (same unit as `amount`).
    /// @param amount total of the stream
    /// @param start vesting start (unix seconds)
    /// @param cliff cliff (unix seconds, start <= cliff)
    /// @param duration seconds from start to fully vested (> 0)
    /// @param t the time to evaluate (unix seconds)
    function vestedAt(
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration,
        uint256 t
    ) internal pure returns (uint256) {
        if (t < cliff) return 0;
        if (t >= start + duration) return amount;
        // t >= cliff >= start, so t - start cannot underflow.
        return Math.mulDiv(amount, t - start, duration, Math.Rounding.Floor);
    }
}
