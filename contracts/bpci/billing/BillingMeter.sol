// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IBillingMeter} from "./IBillingMeter.sol";
import {BpciParams} from "../BpciParams.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";

/// @title BillingMeter
/// @notice Merkle-committed usage billing for BPCI (see IBillingMeter). The operator commits one settlement per
/// period; its payer pays the four totals straight into the treasury within `bpci.billing.paymentWindow`; a record's
/// inclusion is checked with OpenZeppelin's MerkleProof against the committed root. The meter holds no tokens, so
/// nothing can be stuck in it: an unpaid settlement simply expires (or is cancelled) and its period is free again.
/// Gas does not depend on the number of records (only a proof's length, log2 of it, does).
contract BillingMeter is IBillingMeter, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @inheritdoc IBillingMeter
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    IERC20 private immutable _GEN;
    IERC20 private immutable _NEX;
    IERC20 private immutable _FLX;
    IERC20 private immutable _AUR;
    IParameterRegistry private immutable _REGISTRY;
    address private immutable _TREASURY;

    Settlement[] private _settlements; // id = index + 1
    mapping(uint64 period => uint256 settlementId) private _byPeriod;

    /// @param admin DEFAULT_ADMIN_ROLE (the timelock)
    /// @param operator OPERATOR_ROLE (the off-chain aggregator; zero: granted later by the admin)
    /// @param registry_ the kit registry holding `bpci.billing.paymentWindow`
    /// @param treasury_ receives every payment (the kit Treasury)
    /// @param gen GEN
    /// @param nex NEX
    /// @param flx FLX
    /// @param aur AUR
    constructor(
        address admin,
        address operator,
        IParameterRegistry registry_,
        address treasury_,
        IERC20 gen,
        IERC20 nex,
        IERC20 flx,
        IERC20 aur
    ) {
        if (
            admin == address(0) ||
            address(registry_) == address(0) ||
            treasury_ == address(0) ||
            address(gen) == address(0) ||
            address(nex) == address(0) ||
            address(flx) == address(0) ||
            address(aur) == address(0)
        ) revert BillingZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (operator != address(0)) _grantRole(OPERATOR_ROLE, operator);
        _REGISTRY = registry_;
        _TREASURY = treasury_;
        (_GEN, _NEX, _FLX, _AUR) = (gen, nex, flx, aur);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IBillingMeter
    function tokens() external view returns (address gen, address nex, address flx, address aur) {
        return (address(_GEN), address(_NEX), address(_FLX), address(_AUR));
    }

    /// @inheritdoc IBillingMeter
    function treasury() external view returns (address) {
        return _TREASURY;
    }

    /// @inheritdoc IBillingMeter
    function settlementCount() external view returns (uint256) {
        return _settlements.length;
    }

    /// @inheritdoc IBillingMeter
    function getSettlement(uint256 settlementId) external view returns (Settlement memory) {
        if (settlementId == 0 || settlementId > _settlements.length) {
            revert BillingUnexpectedState(settlementId, SettlementState.None, _ANY);
        }
        return _settlements[settlementId - 1];
    }

    /// @inheritdoc IBillingMeter
    function state(uint256 settlementId) public view returns (SettlementState) {
        if (settlementId == 0 || settlementId > _settlements.length) return SettlementState.None;
        Settlement storage s = _settlements[settlementId - 1];
        if (s.paidAt != 0) return SettlementState.Final;
        if (s.cancelled) return SettlementState.Cancelled;
        return block.timestamp > s.payBy ? SettlementState.Expired : SettlementState.Committed;
    }

    /// @inheritdoc IBillingMeter
    function settlementOf(uint64 period) public view returns (uint256) {
        uint256 id = _byPeriod[period];
        SettlementState s = state(id);
        return s == SettlementState.Committed || s == SettlementState.Final ? id : 0;
    }

    /// @inheritdoc IBillingMeter
    function leafOf(Record calldata r) public pure returns (bytes32) {
        return
            keccak256(
                bytes.concat(keccak256(abi.encode(r.user, r.service, r.resource, r.gen, r.nex, r.flx, r.aur, r.usd)))
            );
    }

    /// @inheritdoc IBillingMeter
    function verify(
        uint256 settlementId,
        Record calldata record,
        bytes32[] calldata proof
    ) external view returns (bool) {
        if (state(settlementId) == SettlementState.None) return false;
        return MerkleProof.verifyCalldata(proof, _settlements[settlementId - 1].root, leafOf(record));
    }

    // ---------------------------------------------------------------- transitions

    /// @inheritdoc IBillingMeter
    function commit(
        uint64 period,
        bytes32 root,
        uint32 records,
        address payer,
        Totals calldata totals
    ) external onlyRole(OPERATOR_ROLE) returns (uint256 settlementId) {
        if (root == bytes32(0) || records == 0 || payer == address(0)) {
            revert BillingEmptySettlement(root, records, payer);
        }
        uint256 live = settlementOf(period);
        if (live != 0) revert BillingPeriodTaken(period, live);
        uint256 payBy = block.timestamp + _REGISTRY.get(BpciParams.BILLING_PAYMENT_WINDOW);
        _settlements.push(
            Settlement({
                root: root,
                period: period,
                records: records,
                payer: payer,
                // The window is registry-bounded (at most 90 days), so payBy fits 64 bits for billions of years.
                payBy: uint64(payBy),
                paidAt: 0,
                cancelled: false,
                totals: totals
            })
        );
        settlementId = _settlements.length;
        _byPeriod[period] = settlementId;
        emit SettlementCommitted(settlementId, period, root, records, payer, payBy, totals);
    }

    /// @inheritdoc IBillingMeter
    function pay(uint256 settlementId) external nonReentrant {
        _validateStateBitmap(settlementId, StateBitmap.encode(uint8(SettlementState.Committed)));
        Settlement storage s = _settlements[settlementId - 1];
        address payer = s.payer;
        if (msg.sender != payer) revert BillingNotPayer(settlementId, msg.sender, payer);
        s.paidAt = uint64(block.timestamp);
        Totals memory t = s.totals;
        emit SettlementPaid(settlementId, payer, _TREASURY, t);
        _pull(_GEN, payer, t.gen);
        _pull(_NEX, payer, t.nex);
        _pull(_FLX, payer, t.flx);
        _pull(_AUR, payer, t.aur);
    }

    /// @inheritdoc IBillingMeter
    function cancel(uint256 settlementId) external onlyRole(OPERATOR_ROLE) {
        _validateStateBitmap(settlementId, StateBitmap.encode(uint8(SettlementState.Committed)));
        Settlement storage s = _settlements[settlementId - 1];
        s.cancelled = true;
        emit SettlementCancelled(settlementId, s.period, msg.sender);
    }

    // ---------------------------------------------------------------- internals

    bytes32 private constant _ANY = bytes32(uint256(0x1e)); // Committed | Final | Expired | Cancelled

    function _pull(IERC20 token, address from, uint256 amount) private {
        if (amount != 0) token.safeTransferFrom(from, _TREASURY, amount);
    }

    function _validateStateBitmap(uint256 settlementId, bytes32 allowed) private view {
        SettlementState current = state(settlementId);
        if (!StateBitmap.contains(allowed, uint8(current)))
            revert BillingUnexpectedState(settlementId, current, allowed);
    }
}
