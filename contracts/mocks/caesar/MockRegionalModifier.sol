// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRegionHops} from "../../caesar/agents/IRegionHops.sol";
import {IRegionalModifier} from "../../caesar/fees/IRegionalModifier.sol";

/// @notice A region source returning a fixed modifier (any value, to test the processor's clamp) and 0 hops.
contract MockRegionalModifier is IRegionHops, IRegionalModifier {
    uint256 public value;

    function setValue(uint256 v) external {
        value = v;
    }

    function hops(uint16, uint16) external pure returns (uint256) {
        return 0;
    }

    function quote(uint16, uint256, uint16) external view returns (uint256) {
        return value;
    }
}
