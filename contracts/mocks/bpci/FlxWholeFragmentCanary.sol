// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FlxToken} from "../../bpci/tokens/FlxToken.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";

/// @notice Test-only canary: FLX that credits the receiver whole fragments, rounding the gons it receives up to a
/// multiple of gonsPerFragment while the sender is debited the exact gons. Transfers of fragments move whole
/// multiples already, but `transferAll` after a rebase moves a remainder, and the rounding creates gons. The FLX
/// invariant suite must fail on it (FLX_GONS). Never deployed by a module.
contract FlxWholeFragmentCanary is FlxToken {
    constructor(
        IParameterRegistry registry_,
        AggregatorV3Interface usageFeed_,
        address[] memory recipients,
        uint256[] memory amounts
    ) FlxToken(registry_, usageFeed_, recipients, amounts) {}

    function _moveGons(address from, address to, uint256 fromGons, uint256 gons) internal override {
        uint256 gpf = this.gonsPerFragment();
        uint256 rest = gons % gpf;
        uint256 extra = rest == 0 ? 0 : gpf - rest;
        // The base writes `fromGons - gons` to the sender and adds `gons` to the receiver: padding both by `extra`
        // debits the sender exactly and over-credits the receiver.
        super._moveGons(from, to, fromGons + extra, gons + extra);
    }
}
