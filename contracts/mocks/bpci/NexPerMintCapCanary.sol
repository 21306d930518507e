// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {NexToken} from "../../bpci/tokens/NexToken.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BpciParams} from "../../bpci/BpciParams.sol";

/// @notice Test-only canary: NEX whose yearly cap bounds each mint instead of the year's running total, so many
/// mints within one year pass the cap. The NEX invariant suite must fail on it (NEX_YEAR_CAP). Never deployed.
contract NexPerMintCapCanary is NexToken {
    constructor(
        address admin,
        IParameterRegistry registry_,
        uint256 lifetimeCap
    ) NexToken(admin, registry_, lifetimeCap) {}

    function _consumeYearlyCap(uint256 amount) internal view override returns (uint256 year, uint256 mintedInYear) {
        year = currentYear();
        uint256 yearlyCap = registry.get(BpciParams.NEX_YEARLY_CAP);
        if (amount > yearlyCap) revert NexYearlyCapExceeded(msg.sender, year, 0, amount, yearlyCap);
        mintedInYear = amount;
    }
}
