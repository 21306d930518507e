// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRegionHops} from "../../caesar/agents/IRegionHops.sol";

/// @notice Region distance for tests: |from - to| hops, or a revert when `broken`.
contract MockRegionHops is IRegionHops {
    error MockRegionHopsBroken();

    bool public broken;

    function setBroken(bool b) external {
        broken = b;
    }

    function hops(uint16 from, uint16 to) external view returns (uint256) {
        if (broken) revert MockRegionHopsBroken();
        return from > to ? from - to : to - from;
    }
}
