// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {ICaesarToken} from "../../caesar/ICaesarToken.sol";
import {CaesarAgents} from "../../caesar/agents/CaesarAgents.sol";
import {DemurrageMath} from "../../caesar/DemurrageMath.sol";

/// @notice Known-bad canary for the agent registry's solvency invariant: stakes are valued (and withdrawals and
/// slashes paid) rounded up instead of down, so the token debits up to one base unit more than the entry booked and
/// the registry's base units fall below what it owes. The agents invariant suite must catch it.
contract LeakyCaesarAgents is CaesarAgents {
    constructor(
        ICaesarToken caesar,
        IParameterRegistry registry,
        address admin
    ) CaesarAgents(caesar, registry, admin) {}

    function _worth(uint256 base) internal view override returns (uint256) {
        return DemurrageMath.toAmountUp(base, ICaesarToken(address(_TOKEN)).index());
    }
}
