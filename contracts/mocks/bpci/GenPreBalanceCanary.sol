// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GenToken} from "../../bpci/tokens/GenToken.sol";
import {BpciVotesToken} from "../../bpci/tokens/BpciVotesToken.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";

/// @notice Test-only canary: GEN with the classic concentration bug, the limit checked on the receiver's balance
/// *before* the transfer, so one transfer can overshoot the limit by its amount. The GEN invariant suite must fail
/// on it (GEN_LIMIT). Never deployed by a module.
contract GenPreBalanceCanary is GenToken {
    constructor(
        address admin,
        IParameterRegistry registry_,
        address[] memory recipients,
        uint256[] memory amounts,
        address[] memory exempt
    ) GenToken(admin, registry_, recipients, amounts, exempt) {}

    function _update(address from, address to, uint256 value) internal override {
        if (to != address(0) && from != address(0)) _checkHolderLimit(to, balanceOf(to));
        BpciVotesToken._update(from, to, value);
    }
}
