// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {StabilityGate} from "../../caesar/stability/StabilityGate.sol";
import {IStabilityRegime} from "../../caesar/stability/IStabilityRegime.sol";
import {IUniswapV2PairSwap} from "../../caesar/stability/IUniswapV2PairSwap.sol";

/// @title GateLeakCanary
/// @notice Known-bad StabilityGate for test/caesar/invariants/gate.inv.test.ts: a refund or a cancel forgets to
/// decrement the escrow (escrow no longer equals the sum of the open entries; the reserve is understated).
contract GateLeakCanary is StabilityGate {
    constructor(
        IERC20 caesar_,
        IUniswapV2PairSwap pair_,
        IStabilityRegime controller_,
        IParameterRegistry registry_,
        address admin
    ) StabilityGate(caesar_, pair_, controller_, registry_, admin) {}

    function _release(Entry storage e) internal view override returns (uint256) {
        return e.amountIn;
    }
}
