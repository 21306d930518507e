// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {PaymentChannels} from "../../quiver/channels/PaymentChannels.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";

/// @title DoubleRefundChannels
/// @notice Known-bad canary of the PaymentChannels invariant suite (test/quiver/invariants/channels.inv.test.ts):
/// closing refunds the whole deposit, forgetting what the provider already collected, so the consumer is paid
/// twice out of the other channels' escrow. Never deployed by a preset.
contract DoubleRefundChannels is PaymentChannels {
    constructor(IERC20 token_, IParameterRegistry registry_) PaymentChannels(token_, registry_) {}

    /// @dev The whole deposit back (the real refund is `deposit - collected`).
    function _close(uint256 channelId, Channel storage c) internal override returns (uint256 refund) {
        c.closed = true;
        refund = c.deposit;
        emit ChannelClosed(channelId, c.collected, refund);
    }
}
