// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IProviderStaking} from "../../quiver/IProviderStaking.sol";
import {SwarmStaker} from "./SwarmStaker.sol";

/// @title StakerSwarm
/// @notice Test-only: seeds many distinct delegators in few transactions (scripts/bench/staking.ts).
contract StakerSwarm {
    address private immutable _IMPL = address(new SwarmStaker());

    /// @notice Creates `count` delegators of `amount` QUIV each (taken from this contract's balance).
    function seed(IProviderStaking staking, IERC20 quiv, address provider, uint256 count, uint256 amount) external {
        for (uint256 i = 0; i < count; ++i) {
            address staker = Clones.clone(_IMPL);
            SafeERC20.safeTransfer(quiv, staker, amount);
            SwarmStaker(staker).delegateAll(staking, quiv, provider);
        }
    }
}
