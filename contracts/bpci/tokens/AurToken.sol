// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {FeedReader} from "../../oracles/FeedReader.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";
import {BpciParams} from "../BpciParams.sol";
import {AurReserveMath} from "./libraries/AurReserveMath.sol";
import {BpciVotesToken} from "./BpciVotesToken.sol";
import {IAurToken} from "./IAurToken.sol";

/// @title AurToken
/// @notice AUR: a reserve-gated, vote-carrying settlement token (CACHE Gold's `addBackedTokens` guard, Chainlink
/// SecureMint's staleness, decimals and margin checks).
/// @dev Design. Checks, then effects: `mint` reads the pause flag, the reserve feed (FeedReader.read: complete round,
/// not in the future, within the heartbeat, positive, scaled to 18 decimals) and the margin, and mints only if
/// `reserves >= ceil((supply + amount) * (10,000 + margin) / 10,000)` (AurReserveMath). Transfers add nothing to the
/// ERC20Votes path (no fee, no check). `redeem` never reads the feed. `checkReserves` is the continuous guard: when a
/// usable feed reports reserves below the supply, it pauses minting until governance resumes it.
contract AurToken is BpciVotesToken, AccessControl, IAurToken {
    /// @inheritdoc IAurToken
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @dev Decimals of AUR, to which the feed's answer is scaled.
    uint8 private constant _DECIMALS = 18;

    /// @inheritdoc IAurToken
    IParameterRegistry public immutable registry;
    /// @inheritdoc IAurToken
    AggregatorV3Interface public immutable reserveFeed;

    /// @dev Pause flag, its time, and the redemption counter in one slot.
    struct MintState {
        bool paused;
        uint64 pausedAt;
        uint184 redemptions;
    }

    MintState private _state;

    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock)
    /// @param registry_ the kit ParameterRegistry holding `bpci.aur.*`
    /// @param reserveFeed_ the proof-of-reserve AggregatorV3 feed (reserves in AUR units)
    constructor(
        address admin,
        IParameterRegistry registry_,
        AggregatorV3Interface reserveFeed_
    ) BpciVotesToken("Aurum", "AUR") {
        if (admin == address(0) || address(registry_) == address(0) || address(reserveFeed_) == address(0)) {
            revert AurZeroAddress();
        }
        registry = registry_;
        reserveFeed = reserveFeed_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IAurToken
    function mint(address to, uint256 amount) external onlyRole(ISSUER_ROLE) {
        if (amount == 0) revert AurZeroAmount();
        MintState memory s = _state;
        if (s.paused) revert AurMintingPaused(msg.sender, s.pausedAt);
        if (registry.get(BpciParams.STABILITY_MINT_HALTED) != 0) revert AurMintingHalted(msg.sender);
        (uint256 reserves, ) = FeedReader.read(reserveFeed, _heartbeat(), 0, type(uint256).max, _DECIMALS);
        uint256 required = _requiredFor(totalSupply() + amount);
        if (reserves < required) revert AurReservesInsufficient(msg.sender, amount, reserves, required);
        _mint(to, amount);
    }

    /// @inheritdoc IAurToken
    function redeem(uint256 amount, bytes32 releaseTo) external returns (uint256 redemptionId) {
        if (amount == 0) revert AurZeroAmount();
        _burn(msg.sender, amount);
        // One redemption per call: the counter cannot reach 2^184.
        redemptionId = uint256(_state.redemptions) + 1;
        _state.redemptions = uint184(redemptionId);
        emit Redeemed(redemptionId, msg.sender, amount, releaseTo);
    }

    /// @inheritdoc IAurToken
    function checkReserves()
        external
        returns (IFeedReader.Status status, uint256 reserves, uint256 supply, bool paused)
    {
        (status, reserves, ) = FeedReader.tryRead(reserveFeed, _heartbeat(), 0, type(uint256).max, _DECIMALS);
        supply = totalSupply();
        MintState memory s = _state;
        paused = s.paused;
        if (status == IFeedReader.Status.Ok && reserves < supply && !paused) {
            paused = true;
            _state = MintState(true, uint64(block.timestamp), s.redemptions);
            emit ReserveShortfallFlagged(msg.sender, reserves, supply);
        }
    }

    /// @inheritdoc IAurToken
    function resumeMinting() external onlyRole(DEFAULT_ADMIN_ROLE) {
        MintState memory s = _state;
        if (!s.paused) revert AurMintingNotPaused();
        (uint256 reserves, ) = FeedReader.read(reserveFeed, _heartbeat(), 0, type(uint256).max, _DECIMALS);
        uint256 supply = totalSupply();
        if (reserves < supply) revert AurReservesBelowSupply(reserves, supply);
        _state = MintState(false, 0, s.redemptions);
        emit MintingResumed(msg.sender, reserves, supply);
    }

    /// @inheritdoc IAurToken
    function mintingPaused() external view returns (bool paused, uint256 pausedAt) {
        MintState memory s = _state;
        return (s.paused, s.pausedAt);
    }

    /// @inheritdoc IAurToken
    function redemptionCount() external view returns (uint256) {
        return _state.redemptions;
    }

    /// @inheritdoc IAurToken
    function requiredReserves(uint256 supplyAfter) external view returns (uint256) {
        return _requiredFor(supplyAfter);
    }

    /// @inheritdoc IAurToken
    function maxMintable() external view returns (IFeedReader.Status status, uint256 reserves, uint256 mintable) {
        (status, reserves, ) = FeedReader.tryRead(reserveFeed, _heartbeat(), 0, type(uint256).max, _DECIMALS);
        if (status == IFeedReader.Status.Ok && !_state.paused && registry.get(BpciParams.STABILITY_MINT_HALTED) == 0) {
            mintable = AurReserveMath.maxMintableDown(reserves, totalSupply(), registry.get(BpciParams.AUR_MARGIN_BPS));
        }
    }

    /// @dev Reserves needed for `supplyAfter` at the registry's margin (virtual: the coverage canary overrides it).
    function _requiredFor(uint256 supplyAfter) internal view virtual returns (uint256) {
        return AurReserveMath.requiredReservesUp(supplyAfter, registry.get(BpciParams.AUR_MARGIN_BPS));
    }

    function _heartbeat() private view returns (uint256) {
        return registry.get(BpciParams.AUR_RESERVE_HEARTBEAT);
    }
}
