// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BPS} from "../../utils/Constants.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {ICaesarToken} from "../ICaesarToken.sol";
import {CaesarRewardMath} from "./CaesarRewardMath.sol";
import {ICaesarFeeDistributor} from "./ICaesarFeeDistributor.sol";

/// @title CaesarFeeDistributor
/// @notice Splits CAESAR's fees and demurrage 70/20/5/5 and pays the agents' leg per epoch by points (see
/// ICaesarFeeDistributor). It must be the token's fee distributor (an exempt account: its balance never decays,
/// so `held` is exact).
/// @dev Storage per epoch: one `Epoch` (3 slots); per (agent, epoch): one slot. Recording points and claiming each
/// touch only those, so both cost the same whatever the number of agents or transfers.
contract CaesarFeeDistributor is AccessControl, ICaesarFeeDistributor {
    using SafeERC20 for ICaesarToken;
    using SafeCast for uint256;

    /// @inheritdoc ICaesarFeeDistributor
    bytes32 public constant REPORTER_ROLE = keccak256("REPORTER_ROLE");
    /// @inheritdoc ICaesarFeeDistributor
    bytes32 public constant PROCESSOR_ROLE = keccak256("PROCESSOR_ROLE");

    ICaesarToken private immutable _TOKEN;
    IParameterRegistry private immutable _REGISTRY;
    uint256 private immutable _START;
    uint256 private immutable _EPOCH_LENGTH;

    address private _treasury;
    address private _infra;

    uint256 private _received;
    uint256 private _agentsLeg;
    uint256 private _paid;
    uint256 private _swept;
    uint256 private _held;

    mapping(uint256 epoch => Epoch) private _epochs;
    mapping(address agent => mapping(uint256 epoch => AgentEpoch)) private _agents;

    /// @param caesar the CAESAR token
    /// @param registry the kit ParameterRegistry (`caesar.distributor.*`)
    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock)
    /// @param treasury_ receives the treasury leg
    constructor(ICaesarToken caesar, IParameterRegistry registry, address admin, address treasury_) {
        if (address(caesar) == address(0) || address(registry) == address(0)) revert CaesarDistributorZeroAddress();
        if (admin == address(0) || treasury_ == address(0)) revert CaesarDistributorZeroAddress();
        _TOKEN = caesar;
        _REGISTRY = registry;
        _START = block.timestamp;
        _EPOCH_LENGTH = registry.get(CaesarParams.DISTRIBUTOR_EPOCH_LENGTH);
        _treasury = treasury_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit TreasuryChanged(treasury_);
    }

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc ICaesarFeeDistributor
    function token() external view returns (ICaesarToken) {
        return _TOKEN;
    }

    /// @inheritdoc ICaesarFeeDistributor
    function epochLength() external view returns (uint256) {
        return _EPOCH_LENGTH;
    }

    /// @inheritdoc ICaesarFeeDistributor
    function currentEpoch() public view returns (uint256) {
        return (block.timestamp - _START) / _EPOCH_LENGTH;
    }

    /// @inheritdoc ICaesarFeeDistributor
    function claimOpensAt(uint256 epoch) public view returns (uint256) {
        return _START + (epoch + 1) * _EPOCH_LENGTH + _REGISTRY.get(CaesarParams.DISTRIBUTOR_REPORT_WINDOW);
    }

    /// @inheritdoc ICaesarFeeDistributor
    function epochOf(uint256 epoch) external view returns (Epoch memory) {
        return _epochs[epoch];
    }

    /// @inheritdoc ICaesarFeeDistributor
    function agentEpochOf(address agent, uint256 epoch) external view returns (AgentEpoch memory) {
        return _agents[agent][epoch];
    }

    /// @inheritdoc ICaesarFeeDistributor
    function claimable(address agent, uint256 epoch) external view returns (uint256) {
        AgentEpoch memory ae = _agents[agent][epoch];
        if (ae.claimed) return 0;
        Epoch storage ep = _epochs[epoch];
        return _reward(ep.pot, _weightedOf(ae), ep.weighted);
    }

    /// @inheritdoc ICaesarFeeDistributor
    function totals()
        external
        view
        returns (uint256 received, uint256 agentsLeg, uint256 paid, uint256 swept, uint256 held)
    {
        return (_received, _agentsLeg, _paid, _swept, _held);
    }

    /// @notice The treasury and the infrastructure recipient (address(0): the reserve).
    function recipients() external view returns (address treasury, address infra) {
        return (_treasury, _infra);
    }

    // ------------------------------------------------------------------------------------ actions

    /// @inheritdoc ICaesarFeeDistributor
    function distribute() external returns (uint256 amount) {
        ICaesarToken t = _TOKEN;
        t.settle();
        amount = t.balanceOf(address(this)) - _held;
        if (amount == 0) return 0;
        IParameterRegistry r = _REGISTRY;
        (uint256 agents, uint256 treasury, uint256 infra, uint256 reserve) = CaesarRewardMath.legs(
            amount,
            r.get(CaesarParams.DISTRIBUTOR_AGENTS_BPS),
            r.get(CaesarParams.DISTRIBUTOR_TREASURY_BPS),
            r.get(CaesarParams.DISTRIBUTOR_INFRA_BPS)
        );
        uint256 epoch = currentEpoch();
        Epoch storage ep = _epochs[epoch];
        ep.pot = (ep.pot + agents).toUint128();
        _received += amount;
        _agentsLeg += agents;
        _held += agents;
        emit Distributed(epoch, amount, agents, treasury, infra, reserve);
        address reserveAddr = t.stabilityReserve();
        address infraAddr = _infra;
        if (infraAddr == address(0)) {
            reserve += infra;
            infra = 0;
        }
        if (treasury != 0) t.safeTransfer(_treasury, treasury);
        if (infra != 0) t.safeTransfer(infraAddr, infra);
        if (reserve != 0) t.safeTransfer(reserveAddr, reserve);
    }

    /// @inheritdoc ICaesarFeeDistributor
    function recordPoints(address agent, uint256 points) external onlyRole(PROCESSOR_ROLE) {
        if (points == 0) return;
        uint256 epoch = currentEpoch();
        AgentEpoch storage ae = _agents[agent][epoch];
        Epoch storage ep = _epochs[epoch];
        uint256 accuracy = ae.reported ? ae.accuracyBps : BPS;
        uint256 weighted = points * accuracy;
        if (weighted != 0 && ae.points == 0) ++ep.rewarded;
        ae.points = (ae.points + points).toUint192();
        ep.weighted += weighted;
        emit PointsRecorded(agent, epoch, points, weighted);
    }

    /// @inheritdoc ICaesarFeeDistributor
    function reportAccuracy(address agent, uint256 epoch, uint256 accuracyBps) external onlyRole(REPORTER_ROLE) {
        if (accuracyBps > BPS) revert CaesarDistributorAccuracyTooHigh(accuracyBps);
        uint256 current = currentEpoch();
        Epoch storage ep = _epochs[epoch];
        if (epoch > current || ep.frozen || block.timestamp >= claimOpensAt(epoch)) {
            revert CaesarDistributorReportClosed(epoch, current);
        }
        AgentEpoch storage ae = _agents[agent][epoch];
        uint256 before = _weightedOf(ae);
        uint256 after_ = uint256(ae.points) * accuracyBps;
        ae.accuracyBps = uint16(accuracyBps);
        ae.reported = true;
        ep.weighted = ep.weighted - before + after_;
        if (before == 0 && after_ != 0) ++ep.rewarded;
        else if (before != 0 && after_ == 0) --ep.rewarded;
        emit AccuracyReported(agent, epoch, accuracyBps);
    }

    /// @inheritdoc ICaesarFeeDistributor
    function claim(uint256 epoch) external returns (uint256 amount) {
        _checkClaimable(epoch);
        AgentEpoch storage ae = _agents[msg.sender][epoch];
        uint256 weighted = _weightedOf(ae);
        if (weighted == 0 || ae.claimed) revert CaesarDistributorNothingToClaim(msg.sender, epoch);
        Epoch storage ep = _epochs[epoch];
        ep.frozen = true;
        ae.claimed = true;
        amount = _reward(ep.pot, weighted, ep.weighted);
        ep.paid = (ep.paid + amount).toUint128();
        ++ep.claimed;
        _paid += amount;
        _held -= amount;
        emit RewardClaimed(msg.sender, epoch, amount);
        uint256 dust = ep.claimed == ep.rewarded ? _closeEpoch(epoch, ep) : 0;
        if (amount != 0) _TOKEN.safeTransfer(msg.sender, amount);
        if (dust != 0) _TOKEN.safeTransfer(_TOKEN.stabilityReserve(), dust);
    }

    /// @inheritdoc ICaesarFeeDistributor
    function sweep(uint256 epoch) external returns (uint256 amount) {
        _checkClaimable(epoch);
        Epoch storage ep = _epochs[epoch];
        if (ep.swept || ep.claimed != ep.rewarded) revert CaesarDistributorNotSweepable(epoch, ep.rewarded, ep.claimed);
        ep.frozen = true;
        amount = _closeEpoch(epoch, ep);
        if (amount != 0) _TOKEN.safeTransfer(_TOKEN.stabilityReserve(), amount);
    }

    /// @inheritdoc ICaesarFeeDistributor
    function setTreasury(address treasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury == address(0)) revert CaesarDistributorZeroAddress();
        _treasury = treasury;
        emit TreasuryChanged(treasury);
    }

    /// @inheritdoc ICaesarFeeDistributor
    function setInfraRecipient(address recipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _infra = recipient;
        emit InfraRecipientChanged(recipient);
    }

    // ------------------------------------------------------------------------------------ internals

    /// @dev An agent's reward (the canary mock overrides this with an un-normalised formula).
    function _reward(uint256 pot, uint256 weighted, uint256 totalWeighted) internal view virtual returns (uint256) {
        return CaesarRewardMath.reward(pot, weighted, totalWeighted);
    }

    function _weightedOf(AgentEpoch memory ae) private pure returns (uint256) {
        return uint256(ae.points) * (ae.reported ? ae.accuracyBps : BPS);
    }

    function _checkClaimable(uint256 epoch) private view {
        uint256 opensAt = claimOpensAt(epoch);
        if (block.timestamp < opensAt) revert CaesarDistributorEpochNotClaimable(epoch, block.timestamp, opensAt);
    }

    /// @dev Marks the epoch swept and returns its unpaid wei (taken out of `held`).
    function _closeEpoch(uint256 epoch, Epoch storage ep) private returns (uint256 dust) {
        dust = uint256(ep.pot) - ep.paid;
        ep.swept = true;
        _swept += dust;
        _held -= dust;
        emit EpochSwept(epoch, dust);
    }
}
