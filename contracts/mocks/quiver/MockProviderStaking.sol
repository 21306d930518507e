// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IStakingHooks} from "../../staking/IStakingHooks.sol";

/// @notice Test-only ProviderStaking: tiers and slashable stakes are set by the test; `distributeRewards`
/// really pulls the tokens; slash cases, proposed slashes and completed jobs are recorded for assertions.
/// Like the real contract, a slash may not exceed 50% of the case snapshot and a case is used once.
contract MockProviderStaking is IStakingHooks {
    using SafeERC20 for IERC20;

    error MockStakingCaseNotOpen(uint256 caseId);
    error MockStakingSlashTooLarge(uint256 amount, uint256 max);
    error MockStakingRefused();

    struct SlashCase {
        address provider;
        bool open;
        bool slashed;
        uint256 snapshot;
    }

    struct Slash {
        uint256 caseId;
        uint256 amount;
        address challenger;
    }

    event MockRewardsDistributed(address indexed from, uint256 amount);
    event MockSlashProposed(uint256 indexed slashId, uint256 indexed caseId, uint256 amount, address challenger);
    event MockCaseClosed(uint256 indexed caseId);

    IERC20 public token;
    bool public refuseRewards;
    uint256 public totalDistributed;
    uint256 public caseCount;
    uint256 public slashCount;
    mapping(address provider => uint8) public tiers;
    mapping(address provider => uint256) public stakes;
    mapping(address provider => uint256) public jobsCompleted;
    mapping(uint256 caseId => SlashCase) public cases;
    mapping(uint256 slashId => Slash) public slashes;

    function setToken(address token_) external {
        token = IERC20(token_);
    }

    function setTier(address provider, uint8 tier) external {
        tiers[provider] = tier;
    }

    function setStake(address provider, uint256 amount) external {
        stakes[provider] = amount;
    }

    function setRefuseRewards(bool refuse) external {
        refuseRewards = refuse;
    }

    function tierOf(address provider) external view returns (uint8) {
        return tiers[provider];
    }

    function distributeRewards(uint256 amount) external {
        if (refuseRewards) revert MockStakingRefused();
        totalDistributed += amount;
        emit MockRewardsDistributed(msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function openSlashCase(address provider, uint256) external returns (uint256 caseId, uint256 snapshotStake) {
        caseId = ++caseCount;
        snapshotStake = stakes[provider];
        cases[caseId] = SlashCase(provider, true, false, snapshotStake);
    }

    function proposeSlash(uint256 caseId, uint256 amount, address challenger) external returns (uint256 slashId) {
        SlashCase storage c = cases[caseId];
        if (!c.open) revert MockStakingCaseNotOpen(caseId);
        if (amount > c.snapshot / 2) revert MockStakingSlashTooLarge(amount, c.snapshot / 2);
        c.open = false;
        c.slashed = true;
        slashId = ++slashCount;
        slashes[slashId] = Slash(caseId, amount, challenger);
        emit MockSlashProposed(slashId, caseId, amount, challenger);
    }

    function closeSlashCase(uint256 caseId) external {
        SlashCase storage c = cases[caseId];
        if (!c.open) revert MockStakingCaseNotOpen(caseId);
        c.open = false;
        emit MockCaseClosed(caseId);
    }

    function slashableStakeOf(address provider) external view returns (uint256) {
        return stakes[provider];
    }

    function recordJobCompleted(address provider) external {
        jobsCompleted[provider] += 1;
    }
}
