// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CallbackToken} from "../hostile/CallbackToken.sol";
import {ICaesarToken} from "../../caesar/ICaesarToken.sol";

/// @notice Test-only: the hostile CallbackToken with the few CAESAR views CaesarAgents reads (FeeFree for everyone,
/// index 1, base units = balance), so the agent registry's re-entry guard can be tested. Never deployed by a preset.
contract CallbackCaesarToken is CallbackToken {
    address public stabilityReserve;

    constructor(address reserve) {
        stabilityReserve = reserve;
    }

    function index() external pure returns (uint256) {
        return 1e18;
    }

    function kindOf(address) external pure returns (ICaesarToken.Kind) {
        return ICaesarToken.Kind.FeeFree;
    }

    function baseOf(address account) external view returns (uint256) {
        return balanceOf(account);
    }
}
