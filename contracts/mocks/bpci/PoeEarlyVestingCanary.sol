// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {INexToken} from "../../bpci/tokens/INexToken.sol";
import {IMinerStaking} from "../../bpci/mining/IMinerStaking.sol";
import {PoeMining} from "../../bpci/mining/PoeMining.sol";

/// @title PoeEarlyVestingCanary
/// @notice Known-bad PoeMining for the invariant suite: the locked reserve vests at twice its slope, so miners are
/// paid reserve that must still be locked (the suite's MINING_BALANCE / MINING_RESERVE model must catch it).
contract PoeEarlyVestingCanary is PoeMining {
    constructor(
        address admin,
        IParameterRegistry registry,
        IMinerStaking staking,
        INexToken nex,
        IERC20 wflx,
        IERC20 aur,
        address treasury,
        address owner_,
        AggregatorV3Interface[3] memory feeds,
        uint256 epochLength,
        uint256 salaryPeriod
    ) PoeMining(admin, registry, staking, nex, wflx, aur, treasury, owner_, feeds, epochLength, salaryPeriod) {}

    function _vested(
        uint256 locked,
        uint256 start,
        uint256 end,
        uint256 nowTs
    ) internal pure override returns (uint256) {
        if (nowTs >= end) return locked;
        if (nowTs <= start) return 0;
        uint256 twice = 2 * (nowTs - start);
        return twice >= end - start ? locked : (locked * twice) / (end - start);
    }
}
