// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IProviderStaking} from "../../quiver/IProviderStaking.sol";

/// @title SwarmStaker
/// @notice Test-only: one delegator of the gas bench, cloned many times by StakerSwarm.
contract SwarmStaker {
    /// @notice Approves and delegates this clone's whole QUIV balance to `provider`.
    function delegateAll(IProviderStaking staking, IERC20 quiv, address provider) external {
        uint256 amount = quiv.balanceOf(address(this));
        SafeERC20.forceApprove(quiv, address(staking), amount);
        staking.delegateStake(provider, amount);
    }
}
