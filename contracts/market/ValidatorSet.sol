// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IDisputeManager} from "../interfaces/IDisputeManager.sol";
import {IParameterRegistry} from "../interfaces/IParameterRegistry.sol";
import {ParamKeys} from "../libraries/ParamKeys.sol";
import {MarketMath} from "../libraries/MarketMath.sol";

/// @title ValidatorSet
/// @notice The validator half of the DisputeManager: QUIV stakes, the active set, exits with an unbonding
/// delay, quality attestations and the non-reveal penalty.
/// @dev Every per-validator operation is O(1); the active set is a counter, never iterated. A validator
/// leaves the active set at `requestValidatorExit` and withdraws after the unbonding delay once all of its
/// commitments are revealed or penalised, so a validator cannot escape a pending penalty by exiting.
abstract contract ValidatorSet is AccessControl, ReentrancyGuardTransient, IDisputeManager {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    struct Attestations {
        uint128 count;
        uint128 scoreSum;
    }

    IERC20 internal immutable _token;
    IParameterRegistry internal immutable _registry;

    mapping(address validator => Validator) internal _validators;
    mapping(uint256 jobId => Attestations) private _attestations;
    mapping(uint256 jobId => mapping(address validator => bool)) private _attested;
    uint256 internal _activeValidators;
    uint256 internal _totalValidatorStake;

    constructor(address token_, address registry_) {
        if (token_ == address(0) || registry_ == address(0)) revert DisputeZeroAddress();
        _token = IERC20(token_);
        _registry = IParameterRegistry(registry_);
    }

    /// @inheritdoc IDisputeManager
    function stakeAsValidator(uint256 amount) external nonReentrant {
        if (amount == 0) revert DisputeZeroAmount();
        Validator storage v = _validators[msg.sender];
        if (v.exitAvailableAt != 0) revert DisputeValidatorExiting(msg.sender, v.exitAvailableAt);
        uint256 stake = v.stake + amount;
        if (!v.active) {
            uint256 minStake = _param(ParamKeys.DISPUTE_VALIDATOR_MIN_STAKE);
            if (stake < minStake) revert DisputeStakeTooLow(msg.sender, stake, minStake);
            v.active = true;
            _activeValidators += 1;
        }
        v.stake = stake.toUint128();
        _totalValidatorStake += amount;
        emit ValidatorStaked(msg.sender, amount, stake);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IDisputeManager
    function requestValidatorExit() external {
        Validator storage v = _validators[msg.sender];
        if (!v.active) revert DisputeValidatorExiting(msg.sender, v.exitAvailableAt);
        uint256 availableAt = block.timestamp + _param(ParamKeys.DISPUTE_VALIDATOR_UNBONDING);
        v.active = false;
        v.exitAvailableAt = availableAt.toUint64();
        _activeValidators -= 1;
        emit ValidatorExitRequested(msg.sender, availableAt);
    }

    /// @inheritdoc IDisputeManager
    function withdrawValidatorStake() external nonReentrant {
        Validator storage v = _validators[msg.sender];
        uint256 availableAt = v.exitAvailableAt;
        if (availableAt == 0) revert DisputeValidatorExiting(msg.sender, 0);
        if (block.timestamp < availableAt || v.openCommits != 0) {
            revert DisputeStakeLocked(msg.sender, availableAt, v.openCommits);
        }
        uint256 amount = v.stake;
        delete _validators[msg.sender];
        _totalValidatorStake -= amount;
        emit ValidatorWithdrawn(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IDisputeManager
    function getValidator(address validator) external view returns (Validator memory) {
        return _validators[validator];
    }

    /// @inheritdoc IDisputeManager
    function attestationsOf(uint256 jobId) external view returns (uint256 count, uint256 scoreSum) {
        Attestations storage a = _attestations[jobId];
        return (a.count, a.scoreSum);
    }

    /// @inheritdoc IDisputeManager
    function activeValidatorCount() external view returns (uint256) {
        return _activeValidators;
    }

    /// @inheritdoc IDisputeManager
    function totalValidatorStake() external view returns (uint256) {
        return _totalValidatorStake;
    }

    /// @dev Reverts unless `who` is active with at least the current minimum stake.
    function _requireVoter(address who) internal view {
        Validator storage v = _validators[who];
        uint256 minStake = _param(ParamKeys.DISPUTE_VALIDATOR_MIN_STAKE);
        if (!v.active || v.stake < minStake) revert DisputeNotValidator(who, v.stake, minStake);
    }

    /// @dev Records one attestation of `jobId` by `msg.sender` (already checked to be a voter).
    function _recordAttestation(uint256 jobId, uint8 score, bool hasReceipt) internal {
        // Scores are percentages (0..100); a job without a receipt has nothing to attest.
        if (score > 100 || !hasReceipt || _attested[jobId][msg.sender]) {
            revert DisputeInvalidAttestation(jobId, msg.sender, score);
        }
        _attested[jobId][msg.sender] = true;
        Attestations storage a = _attestations[jobId];
        a.count += 1;
        a.scoreSum += score;
        emit QualityAttested(jobId, msg.sender, score);
    }

    /// @dev Takes `ceil(stake * penaltyBps / 10,000)` from `validator`'s stake and releases one commitment.
    /// The tokens stay in this contract; the caller books them.
    function _penalize(address validator, uint256 penaltyBps) internal returns (uint256 penalty) {
        Validator storage v = _validators[validator];
        penalty = MarketMath.penaltyUp(v.stake, penaltyBps);
        // penalty <= stake (penaltyUp caps it), and stake <= _totalValidatorStake.
        v.stake -= uint128(penalty);
        v.openCommits -= 1;
        _totalValidatorStake -= penalty;
    }

    function _param(bytes32 key) internal view returns (uint256) {
        return _registry.get(key);
    }
}
