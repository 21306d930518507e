// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ICaesarProcessor
/// @notice Relayed CAESAR transfers: a payer signs an EIP-712 `TransferAuthorization`; any active agent
/// (CaesarAgents) submits one (`process`) or a batch (`processBatch`), pays the gas and is credited points in the
/// CaesarFeeDistributor. The transfer itself is `CaesarToken.transferFromAuthorized`, the path of a plain
/// `transfer` (same penalty, demurrage rounding and events) with the fee's regional factor: the modifier of the
/// payer's region seen from the agent's (`regionalModifier`, the same one that weighs the agent's points; 1.0 without
/// a matrix). A plain transfer pays the neutral fee and credits no agent. A payer bounds what any relay may charge
/// with `maxFee`; twice the neutral fee covers every modifier (at most 2.0).
/// @dev Replay protection. The domain (name "CAESAR processor", version "1", chain id, this contract) binds a
/// signature to one chain and one processor. Nonces are unordered bitmap nonces (Permit2's `nonceBitmap`): a
/// payer picks any 256-bit nonce; bit `nonce & 255` of word `nonce >> 8` marks it used. Like EIP-3009's random
/// nonces they let a payer hand out many authorizations that agents submit in any order (sequential nonces would
/// make a batch fail behind one missing predecessor, and two agents race for the same next nonce); unlike them a
/// nonce costs a fresh storage slot only once per 256 (payers who count up from a random start reuse the word),
/// which keeps the per-transfer cost in a batch below a plain transfer's. A nonce is used only by a transfer that
/// happened: a skipped authorization leaves it free (it stays valid until `validBefore`, or until the payer
/// invalidates it). Valid while `validAfter < block.timestamp < validBefore` (EIP-3009). `maxFee` caps the fee
/// plus the rapid-trade penalty the payer can be charged.
interface ICaesarProcessor {
    /// @notice What a payer signs.
    /// @dev Fields in the EIP-712 type's order; the struct lives only in calldata and memory, never in storage, so
    /// slot packing saves nothing.
    // solhint-disable-next-line gas-struct-packing
    struct TransferAuthorization {
        address from;
        address to;
        uint256 amount;
        uint256 maxFee;
        uint256 nonce;
        uint256 validAfter;
        uint256 validBefore;
        uint16 region;
    }

    /// @notice Why an authorization was not processed.
    enum SkipReason {
        None,
        NotYetValid,
        Expired,
        InvalidReceiver,
        BadSignature,
        NonceUsed,
        FeeAboveMax,
        InsufficientBalance,
        TransferFailed
    }

    /// @notice A zero address where a contract is required.
    error CaesarProcessorZeroAddress();
    /// @notice `agent` is not an active agent (unregistered, or its stake is below the minimum).
    error CaesarProcessorNotAgent(address agent);
    /// @notice A batch of `authorizations` authorizations came with `signatures` signatures.
    error CaesarProcessorLengthMismatch(uint256 authorizations, uint256 signatures);
    /// @notice Relayed processing of asset `assetId` is paused in the asset registry (holders' own transfers are not).
    error CaesarProcessorPaused(uint256 assetId);
    /// @notice A single authorization (`process`) of `from` with `nonce` was rejected for `reason`.
    error CaesarProcessorRejected(address from, uint256 nonce, SkipReason reason);

    /// @notice `agent` relayed `from`'s authorization `nonce` and earned `points` (the token's `Transfer` and
    /// `TransferCharged` beside it carry the amounts).
    event AuthorizationProcessed(address indexed agent, address indexed from, uint256 indexed nonce, uint256 points);
    /// @notice `agent` submitted `from`'s authorization `nonce`, which was skipped for `reason` (batch only).
    event AuthorizationSkipped(address indexed agent, address indexed from, uint256 indexed nonce, SkipReason reason);
    /// @notice `owner` invalidated the nonces of `word` in `mask`.
    event NoncesInvalidated(address indexed owner, uint256 indexed word, uint256 mask);
    /// @notice The region-distance source became `source` (address(0): 0 hops).
    event RegionHopsChanged(address indexed source);
    /// @notice The pause gate became asset `assetId` of the asset registry `gate` (address(0): never paused).
    event AssetGateChanged(address indexed gate, uint256 assetId);

    /// @notice The regional modifier a relay of a payer in `payerRegion` by an agent in `agentRegion` applies now to
    /// the fee and the points (bps of 1.0, clamped to [0.5, 2.0]; 10,000 without a source, or if it reverts).
    function regionalModifier(uint16 payerRegion, uint16 agentRegion) external view returns (uint256 modifierBps);

    /// @notice EIP-712 type hash of `TransferAuthorization`.
    function TRANSFER_AUTHORIZATION_TYPEHASH() external view returns (bytes32);

    /// @notice The EIP-712 domain separator (this chain, this contract).
    function DOMAIN_SEPARATOR() external view returns (bytes32);

    /// @notice Whether `owner`'s `nonce` is used (or invalidated).
    function nonceUsed(address owner, uint256 nonce) external view returns (bool);

    /// @notice `owner`'s nonce bitmap word `word`.
    function nonceBitmap(address owner, uint256 word) external view returns (uint256);

    /// @notice The EIP-712 digest a payer signs for `a`.
    function hashAuthorization(TransferAuthorization calldata a) external view returns (bytes32);

    /// @notice Relays one authorization; reverts `CaesarProcessorRejected` if it cannot be processed.
    /// @return points the points credited to the caller
    function process(TransferAuthorization calldata a, bytes calldata signature) external returns (uint256 points);

    /// @notice Relays a batch: each bad authorization is skipped with `AuthorizationSkipped`, the rest processed.
    /// @return processed authorizations processed
    /// @return points points credited to the caller
    function processBatch(
        TransferAuthorization[] calldata a,
        bytes[] calldata signatures
    ) external returns (uint256 processed, uint256 points);

    /// @notice Marks the caller's nonces of `word` in `mask` used (cancels unsubmitted authorizations).
    function invalidateNonces(uint256 word, uint256 mask) external;

    /// @notice Sets the region-distance source (address(0): 0 hops). Admin only.
    function setRegionHops(address source) external;

    /// @notice Makes relaying refuse (`CaesarProcessorPaused`) while asset `assetId`'s processing is paused in the
    /// asset registry `gate` (address(0): never paused). Admin only.
    function setAssetGate(address gate, uint256 assetId) external;
}
