// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ParameterRegistry} from "../../registry/ParameterRegistry.sol";

/// @title RatchetRegistry
/// @notice Known-bad canary of the registry invariant suite (test/kit/invariants/registry.inv.test.ts): the rate
/// limit compares a new value with the current one only, so steps of maxDelta each ratchet a parameter as far as
/// its bounds allow within one period (the band of values held in the period is ignored). Never deployed by a preset.
contract RatchetRegistry is ParameterRegistry {
    constructor(address admin) ParameterRegistry(admin) {}

    /// @dev Only the current value, whatever the period held (the real band spans every value of the period).
    function _band(Parameter storage p, uint256) internal view override returns (uint256 low, uint256 high) {
        return (p.value, p.value);
    }
}
