// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BPS} from "../../utils/Constants.sol";
import {BpciParams} from "../BpciParams.sol";
import {BpciVotesToken} from "./BpciVotesToken.sol";
import {IGenToken} from "./IGenToken.sol";

/// @title GenToken
/// @notice GEN: BPCI's fixed-supply governance token with a per-holder concentration limit.
/// @dev Design. The whole supply is minted in the constructor; there is no mint or burn function afterwards, so
/// `totalSupply() == TOTAL_SUPPLY` forever. Every balance change runs through the one `_update`, which checks the
/// receiver after the balances move. Gas: the limit is never below the floor (`LIMIT_FLOOR_BPS`, 1,000 GEN), so a
/// receiver that ends at or below the floor passes without any read; above it the token reads its cached copy of
/// the limit (one slot, `syncHolderLimit` refreshes it from the registry), and only a receiver above that copy costs
/// the exempt-list read and, if not exempt, the registry read, which decides. So a raised limit applies at once, and
/// a lowered one once anyone calls `syncHolderLimit` (a proposal lowering it calls it in the same batch).
contract GenToken is BpciVotesToken, AccessControl, IGenToken {
    /// @inheritdoc IGenToken
    uint256 public constant TOTAL_SUPPLY = 100_000e18; // 100,000 GEN (SPEC.md, BPCI)
    /// @inheritdoc IGenToken
    uint256 public constant LIMIT_FLOOR_BPS = 100; // 1%
    /// @dev The floor in wei: 1,000 GEN (TOTAL_SUPPLY x LIMIT_FLOOR_BPS / 10,000, written as a literal: a constant
    /// expression is evaluated, with overflow checks, at every use).
    uint256 private constant _LIMIT_FLOOR = 1_000e18;

    /// @inheritdoc IGenToken
    IParameterRegistry public immutable registry;

    mapping(address account => bool) private _exempt;
    /// @dev The limit (wei) as of the last `syncHolderLimit` (or the genesis).
    uint256 private _cachedLimit;

    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock)
    /// @param registry_ the kit ParameterRegistry holding `bpci.gen.maxHolderBps`
    /// @param recipients genesis recipients (limit-checked like any receiver)
    /// @param amounts genesis amounts (wei), summing to exactly TOTAL_SUPPLY
    /// @param exempt accounts exempt from the limit from genesis (treasury, timelock, vesting contracts)
    constructor(
        address admin,
        IParameterRegistry registry_,
        address[] memory recipients,
        uint256[] memory amounts,
        address[] memory exempt
    ) BpciVotesToken("Genesis", "GEN") {
        if (admin == address(0) || address(registry_) == address(0)) revert GenZeroAddress();
        if (recipients.length != amounts.length) revert GenGenesisLengthMismatch(recipients.length, amounts.length);
        registry = registry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _syncHolderLimit();
        for (uint256 i = 0; i < exempt.length; ++i) _setExempt(exempt[i], true);
        uint256 total;
        for (uint256 i = 0; i < recipients.length; ++i) {
            total += amounts[i];
            _mint(recipients[i], amounts[i]);
            emit GenesisAllocated(recipients[i], amounts[i]);
        }
        if (total != TOTAL_SUPPLY) revert GenGenesisSupplyMismatch(total, TOTAL_SUPPLY);
    }

    /// @inheritdoc IGenToken
    function setExempt(address account, bool exempt) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setExempt(account, exempt);
    }

    /// @inheritdoc IGenToken
    function syncHolderLimit() external returns (uint256 limit) {
        return _syncHolderLimit();
    }

    /// @inheritdoc IGenToken
    function cachedHolderLimit() external view returns (uint256) {
        return _cachedLimit;
    }

    /// @inheritdoc IGenToken
    function isExempt(address account) external view returns (bool) {
        return _exempt[account];
    }

    /// @inheritdoc IGenToken
    function maxHolderBps() public view returns (uint256) {
        uint256 bps = registry.get(BpciParams.GEN_MAX_HOLDER_BPS);
        return bps < LIMIT_FLOOR_BPS ? LIMIT_FLOOR_BPS : bps;
    }

    /// @inheritdoc IGenToken
    function holderLimit() public view returns (uint256) {
        return (TOTAL_SUPPLY * maxHolderBps()) / BPS;
    }

    /// @dev Moves the balances (ERC20Votes: checkpoints), then checks the receiver (not on a burn, which GEN never
    /// does). Reads `balanceOf(to)` after the move: a check on the balance before it would let one transfer
    /// overshoot the limit by its amount (the canary `GenPreBalanceCanary` has that bug).
    function _update(address from, address to, uint256 value) internal virtual override {
        super._update(from, to, value);
        if (to != address(0)) _checkHolderLimit(to, balanceOf(to));
    }

    /// @dev Reverts `GenHolderLimitExceeded` if `balanceAfter` puts the non-exempt `account` above the limit.
    /// The cached limit is tested first (one slot); beyond it the exemption, then the registry's limit decides.
    function _checkHolderLimit(address account, uint256 balanceAfter) internal view {
        if (balanceAfter <= _LIMIT_FLOOR || balanceAfter <= _cachedLimit || _exempt[account]) return;
        uint256 limit = holderLimit();
        if (balanceAfter > limit) revert GenHolderLimitExceeded(account, balanceAfter, limit);
    }

    function _syncHolderLimit() private returns (uint256 limit) {
        uint256 bps = maxHolderBps();
        limit = (TOTAL_SUPPLY * bps) / BPS;
        _cachedLimit = limit;
        emit HolderLimitSynced(bps, limit);
    }

    function _setExempt(address account, bool exempt) private {
        if (account == address(0)) revert GenZeroAddress();
        _exempt[account] = exempt;
        emit HolderExemptionSet(account, exempt, msg.sender);
    }
}
