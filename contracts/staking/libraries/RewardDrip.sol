// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IStakingPools} from "../IStakingPools.sol";

/// @title RewardDrip
/// @notice The queue of rewards that arrived while nothing was bonded (SEC-07): released linearly over
/// `PERIOD` of bonded time, paused while nothing is bonded, so a stake made just before a release captures
/// only its time-weighted share. Linked library (external functions) to keep ProviderStaking under the
/// contract size limit.
library RewardDrip {
    /// @dev Bonded time over which a queue is released (one emission epoch).
    uint256 internal constant PERIOD = 1 days;

    /// @dev Queued wei, the last release time and the end of the release.
    struct Queue {
        uint256 queued;
        uint48 last;
        uint48 end;
    }

    /// @notice Queues `amount` and restarts the release period for the whole queue; returns the new queue.
    function add(Queue storage self, uint256 amount) external returns (uint256 queued) {
        queued = self.queued + amount;
        self.queued = queued;
        self.last = uint48(block.timestamp);
        self.end = uint48(block.timestamp + PERIOD);
    }

    /// @notice Releases what is due now with `bonded` wei bonded (0: pauses the release); returns the wei
    /// released (the caller adds them to the accumulator).
    function release(Queue storage self, uint256 bonded) external returns (uint256 released) {
        uint256 queued = self.queued;
        uint256 last = self.last;
        if (queued == 0 || block.timestamp == last) return 0;
        self.last = uint48(block.timestamp);
        if (bonded == 0) {
            self.end = uint48(self.end + block.timestamp - last);
            return 0;
        }
        released = _due(queued, last, self.end);
        if (released == 0) return 0;
        self.queued = queued - released;
        emit IStakingPools.RewardsReleased(released, queued - released);
    }

    /// @notice What `release` would release now with `bonded` wei bonded.
    function preview(Queue storage self, uint256 bonded) external view returns (uint256) {
        uint256 queued = self.queued;
        if (queued == 0 || bonded == 0 || block.timestamp == self.last) return 0;
        return _due(queued, self.last, self.end);
    }

    function _due(uint256 queued, uint256 last, uint256 end) private view returns (uint256) {
        uint256 elapsed = block.timestamp - last;
        uint256 remaining = end > last ? end - last : 0;
        return elapsed >= remaining ? queued : Math.mulDiv(queued, elapsed, remaining, Math.Rounding.Floor);
    }
}
