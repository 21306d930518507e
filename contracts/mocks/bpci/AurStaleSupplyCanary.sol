// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AurToken} from "../../bpci/tokens/AurToken.sol";
import {AurReserveMath} from "../../bpci/tokens/libraries/AurReserveMath.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {BpciParams} from "../../bpci/BpciParams.sol";

/// @notice Test-only canary: AUR whose guard checks the reserves against the supply *before* the mint (the new
/// amount is left out), so a mint can take the supply above the reserve coverage. The AUR invariant suite must fail
/// on it (AUR_COVERAGE). Never deployed by a module.
contract AurStaleSupplyCanary is AurToken {
    constructor(
        address admin,
        IParameterRegistry registry_,
        AggregatorV3Interface reserveFeed_
    ) AurToken(admin, registry_, reserveFeed_) {}

    function _requiredFor(uint256) internal view override returns (uint256) {
        return AurReserveMath.requiredReservesUp(totalSupply(), registry.get(BpciParams.AUR_MARGIN_BPS));
    }
}
