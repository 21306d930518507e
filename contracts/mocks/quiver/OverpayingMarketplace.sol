// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {InferenceMarketplace} from "../../quiver/market/InferenceMarketplace.sol";
import {MarketMath} from "../../quiver/market/MarketMath.sol";

/// @title OverpayingMarketplace
/// @notice Known-bad canary of the marketplace invariant suite (test/quiver/invariants/market.inv.test.ts): settling
/// pays the provider the whole price while the fees are still booked as pending, so the contract owes QUIV it no
/// longer holds. Never deployed by a preset.
contract OverpayingMarketplace is InferenceMarketplace {
    using SafeERC20 for IERC20;

    constructor(
        address admin,
        address token_,
        address registry_,
        address staking_,
        address oracle_,
        address treasury_
    ) InferenceMarketplace(admin, token_, registry_, staking_, oracle_, treasury_) {}

    /// @dev The real settlement, then the fees paid to the provider as well.
    function _settle(uint256 jobId, Job storage j) internal override {
        super._settle(jobId, j);
        (uint256 reward, , , ) = MarketMath.splitPayment(j.price, j.networkFeeBps, j.treasuryFeeBps, j.burnBps);
        _token.safeTransfer(j.provider, j.price - reward);
    }
}
