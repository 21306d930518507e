// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IBillingMeter
/// @notice BPCI's billing meter: usage records are aggregated off-chain; a settlement commits the Merkle
/// root of one period's records with their totals, the payer pays the totals (GEN, NEX, FLX, AUR) into the treasury,
/// and only then is the commitment final. Anyone verifies a record's inclusion with a proof, on-chain or with the
/// SDK (the StandardMerkleTree of the OpenZeppelin merkle-tree package, the same leaf encoding).
///
/// A record is the leaf `keccak256(bytes.concat(keccak256(abi.encode(user, service, resource, gen, nex, flx, aur,
/// usd))))` (StandardMerkleTree over the types of {Record}). Totals are the sums of the four cost columns and of the
/// USD values over the period's records (the meter cannot check them: the operator signs them with the root, and a
/// wrong total is cancelled before payment or disputed with a proof of the records).
///
/// Settlement states (the kit's state-machine convention): Committed (root stored, totals unpaid) -> Final (paid)
/// | Expired (`payBy` passed unpaid; the period can be committed again) | Cancelled (by the operator, before
/// payment; the period can be committed again). The meter never holds tokens: payment moves the totals from the
/// payer straight to the treasury in one transaction, all four or none.
interface IBillingMeter {
    /// @notice One usage record (a leaf of a settlement's tree).
    /// @param user the account that used the service
    /// @param service the service type (the seed's ten PoE job types, 0..9, or an operator-defined id)
    /// @param resource units of resource consumed (service-defined: bytes, seconds, calls)
    /// @param gen cost in GEN wei
    /// @param nex cost in NEX wei
    /// @param flx cost in FLX wei (fragments)
    /// @param aur cost in AUR wei
    /// @param usd the record's value in USD with 18 decimals, priced off-chain from the period's feed
    struct Record {
        address user;
        uint8 service;
        uint256 resource;
        uint256 gen;
        uint256 nex;
        uint256 flx;
        uint256 aur;
        uint256 usd;
    }

    /// @notice The totals of a settlement (sums over its records).
    struct Totals {
        uint256 gen;
        uint256 nex;
        uint256 flx;
        uint256 aur;
        uint256 usd;
    }

    /// @notice A committed settlement.
    /// @param root Merkle root of the period's records
    /// @param period the billing period (operator-defined, e.g. days since an epoch); one live settlement each
    /// @param records number of records in the tree
    /// @param payer the account that pays the totals
    /// @param payBy last second at which the totals can be paid
    /// @param paidAt when the totals were paid (0 = not paid)
    /// @param cancelled whether the operator cancelled it
    struct Settlement {
        bytes32 root;
        uint64 period;
        uint32 records;
        address payer;
        uint64 payBy;
        uint64 paidAt;
        bool cancelled;
        Totals totals;
    }

    /// @notice Derived state of a settlement.
    enum SettlementState {
        None,
        Committed,
        Final,
        Expired,
        Cancelled
    }

    /// @notice A zero address was given for a token, the registry, the treasury or the admin.
    error BillingZeroAddress();
    /// @notice The root is zero, there are no records, or no payer.
    error BillingEmptySettlement(bytes32 root, uint256 records, address payer);
    /// @notice `period` already has a settlement that is committed or final.
    error BillingPeriodTaken(uint64 period, uint256 settlementId);
    /// @notice A transition from the current state of `settlementId` that `allowed` (bit per state) does not include.
    error BillingUnexpectedState(uint256 settlementId, SettlementState current, bytes32 allowed);
    /// @notice Only the settlement's payer pays it.
    error BillingNotPayer(uint256 settlementId, address caller, address payer);

    /// @notice A settlement of `period` was committed.
    event SettlementCommitted(
        uint256 indexed settlementId,
        uint64 indexed period,
        bytes32 root,
        uint256 records,
        address indexed payer,
        uint256 payBy,
        Totals totals
    );
    /// @notice The totals of `settlementId` were paid into the treasury: the settlement is final.
    event SettlementPaid(uint256 indexed settlementId, address indexed payer, address treasury, Totals totals);
    /// @notice The operator cancelled `settlementId` before payment.
    event SettlementCancelled(uint256 indexed settlementId, uint64 indexed period, address by);

    /// @notice Role that commits and cancels settlements (the off-chain aggregator).
    function OPERATOR_ROLE() external view returns (bytes32);

    /// @notice GEN, NEX, FLX and AUR, in the order of the cost columns.
    function tokens() external view returns (address gen, address nex, address flx, address aur);

    /// @notice Where payments go (the kit Treasury).
    function treasury() external view returns (address);

    /// @notice Number of settlements committed so far (ids are 1..count).
    function settlementCount() external view returns (uint256);

    /// @notice Settlement `settlementId` as stored.
    function getSettlement(uint256 settlementId) external view returns (Settlement memory);

    /// @notice Derived state of `settlementId` (None for an unknown id).
    function state(uint256 settlementId) external view returns (SettlementState);

    /// @notice The live (committed or final) settlement of `period`, or 0.
    function settlementOf(uint64 period) external view returns (uint256);

    /// @notice The leaf hash of a record (StandardMerkleTree's double keccak of the abi-encoded tuple).
    function leafOf(Record calldata record) external pure returns (bytes32);

    /// @notice Whether `record` is in settlement `settlementId`'s tree (for any state but None).
    function verify(
        uint256 settlementId,
        Record calldata record,
        bytes32[] calldata proof
    ) external view returns (bool);

    /// @notice Commits the root of `period`'s records with their totals (OPERATOR_ROLE). The payer must pay within
    /// `bpci.billing.paymentWindow`. Reverts if the period has a committed or final settlement.
    /// @return settlementId the new settlement's id
    function commit(
        uint64 period,
        bytes32 root,
        uint32 records,
        address payer,
        Totals calldata totals
    ) external returns (uint256 settlementId);

    /// @notice Pays the totals of a committed settlement into the treasury (the payer, with allowances for the four
    /// tokens): the settlement becomes final.
    function pay(uint256 settlementId) external;

    /// @notice Cancels a committed, unpaid settlement (OPERATOR_ROLE): the period can be committed again.
    function cancel(uint256 settlementId) external;
}
