// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ICaesarToken
/// @notice CAESAR: an ERC-20 with permit whose balances decay 1% per 30 days (demurrage, registry-bounded), with a
/// dynamic transfer fee and a rapid-trade penalty. Nothing is minted after genesis: the decayed value, the fees and
/// the rounding wei accrue to the fee distributor (`accrued`, moved into its balance by `settle`), penalties go to
/// the stability reserve.
/// @dev Accounts are of four kinds. Decaying (everyone): balance = base units x the global index. FeeFree
/// (contracts that hold users' money and need exact transfers: the static wrapper, agent stakes, queued trades):
/// decaying like everyone, but transfers from or to them pay no fee and no penalty, so ERC-4626 accounting stays
/// exact; they are not a parking spot, since their balance pays demurrage and each position its share of it. Exempt (only protocol money: fee
/// distributor, stability reserve, treasury): a nominal balance that never decays. Pool (registered AMM pairs): a
/// nominal balance whose decay is applied only by `syncPool`, at most once a day, which then calls the pair's
/// `sync()`, so reserves never exceed balances between syncs and LPs pay the holding fee too.
/// Each pool's net flow (wei in minus wei out) per window is limited (`netFlowLimit`): more is refused with
/// `CaesarNetFlowLimit`, so many fresh addresses cannot trade around the per-account rapid-trade rule.
/// Conservation (README, "Rounding policy"): sum of balances + `accrued()` == `totalSupply()` minus less than one
/// wei per decaying holder (plus 1), and never more.
/// Powers of DEFAULT_ADMIN_ROLE (the timelock): set account kinds, the fee distributor, the stability reserve and
/// the factor sources. It cannot mint, move or freeze balances.
/// Warning: parameters and factors are cached; they take effect when anyone calls `refreshParameters` /
/// `refreshFactors`. Warning: any receipt (even 1 wei from a stranger) restarts the receiver's holding period; only
/// non-zero transfers count and penalties start above the threshold, which bounds this griefing.
/// Warning: fees apply to transfers from and to pools (a fee-on-transfer token: routers must use the
/// fee-supporting swap functions); transfers from or to an exempt account pay no fee and no penalty.
interface ICaesarToken is IERC20 {
    /// @notice Kind of an account.
    enum Kind {
        Decaying,
        Exempt,
        Pool,
        FeeFree
    }

    /// @notice What a transfer of `amount` does, exactly (all wei).
    /// @param fee the dynamic fee, to the fee distributor's accrual
    /// @param penalty the rapid-trade penalty, to the stability reserve
    /// @param demurrage the rounding wei of the base-unit conversions (0 to 2), to the fee distributor's accrual
    /// @param net what the receiver's balance gains
    struct Quote {
        uint256 fee;
        uint256 penalty;
        uint256 demurrage;
        uint256 net;
    }

    /// @notice A zero address where an account is required (admin, registry, distributor, reserve).
    error CaesarZeroAddress();
    /// @notice Genesis recipients and amounts differ in length.
    error CaesarGenesisLengthMismatch(uint256 recipients, uint256 amounts);
    /// @notice The genesis supply `supply` is above `maxSupply`.
    error CaesarSupplyTooLarge(uint256 supply, uint256 maxSupply);
    /// @notice `account` is not a registered pool (its kind is `kind`).
    error CaesarNotAPool(address account, Kind kind);
    /// @notice `pool` was already synced on `day` (days since genesis); the next sync is allowed from `day + 1`.
    error CaesarPoolAlreadySynced(address pool, uint256 day);
    /// @notice `account` already has kind `kind`.
    error CaesarKindUnchanged(address account, Kind kind);
    /// @notice The registry value `value` of `key` cannot be used (the congestion window must divide one day and be
    /// at least 10 minutes; factor bounds must be ordered).
    error CaesarParameterInvalid(bytes32 key, uint256 value);
    /// @notice A processor's transfer from `from` would charge `charge` wei (fee + penalty), above the `maxCharge`
    /// the payer signed.
    error CaesarChargeAboveMax(address from, uint256 charge, uint256 maxCharge);
    /// @notice The zero address cannot be the receiver of a mint or the sender of a burn (neither exists).
    error CaesarNoMintOrBurn();
    /// @notice A transfer would take `pool`'s net flow in the current window (wei in minus wei out) to `netFlow`,
    /// beyond +-`limit` (Mento TradingLimits style: per market, so fresh addresses do not bypass the rapid-trade rule).
    error CaesarNetFlowLimit(address pool, int256 netFlow, uint256 limit);

    /// @notice `recipient` received `amount` wei at genesis.
    event GenesisAllocated(address indexed recipient, uint256 amount);
    /// @notice The transfer from `from` just before this event (the `Transfer` beside it carries the receiver and the
    /// net amount) paid `fee` to the accrual and `penalty` to the stability reserve; `rounding` (0 to 3 wei) is what
    /// its base-unit conversions added to the accrual besides: `accrued()` grew by exactly fee + rounding. (The
    /// sender's own rounding, 0 to 2 wei, is `quoteTransfer`'s `demurrage`; the two can differ by a wei, because
    /// the accrual rounds the decaying supply as a whole.)
    event TransferCharged(address indexed from, uint256 fee, uint256 penalty, uint256 rounding);
    /// @notice `account` made its `count`-th rapid trade of the window, paying `penaltyBps`.
    event RapidTrade(address indexed account, uint256 count, uint256 penaltyBps);
    /// @notice The index moved to `index` (WAD) on `day` (days since genesis); the decaying supply is
    /// `totalBase` base units, worth `totalBase * index / 1e18` wei. Every decayed wei of a decaying account is
    /// its base units times the index drop.
    event DemurrageIndexed(uint256 indexed day, uint256 index, uint256 totalBase);
    /// @notice The congestion factor moved to `congestionBps` after a window that counted `transfers` (emitted only
    /// when the factor changes; at 1.0 with no traffic it stays and nothing is emitted).
    event CongestionUpdated(uint256 transfers, uint256 congestionBps);
    /// @notice `amount` wei of accrued demurrage, fees and rounding were moved into `distributor`'s balance.
    event AccrualSettled(address indexed distributor, uint256 amount);
    /// @notice `pool`'s demurrage since its last sync, `decay` wei, was applied on `day` at `index`.
    event PoolSynced(address indexed pool, uint256 decay, uint256 day, uint256 index);
    /// @notice `account` changed kind; `balance` (wei) is its balance at the change, kept exactly (down to the wei
    /// a conversion to base units rounds off); `rounding` (0 or 1 wei) is what the conversion added to the accrual
    /// (a pool's decay until the change is in the `PoolSynced` before this event).
    event AccountKindChanged(address indexed account, Kind oldKind, Kind newKind, uint256 balance, uint256 rounding);
    /// @notice The fee distributor became `distributor` (made exempt).
    event FeeDistributorChanged(address indexed distributor);
    /// @notice The stability reserve became `reserve` (made exempt).
    event StabilityReserveChanged(address indexed reserve);
    /// @notice The stability gate became `gate` (made exempt; address(0): no gate, pool transfers unchecked).
    event StabilityGateChanged(address indexed gate);
    /// @notice The factor sources changed (address(0) = neutral).
    event FactorSourcesChanged(address liquidityFeed, address volatilityFeed, address stabilitySource);
    /// @notice The cached parameters were re-read from the registry; `dailyFactor` is the demurrage per day (WAD).
    event ParametersRefreshed(uint256 demurrageBps, uint256 dailyFactor);
    /// @notice The cached factors became `liquidityBps`, `volatilityBps` and `stabilityBps` (1.0 = 10,000).
    event FactorsRefreshed(uint256 liquidityBps, uint256 volatilityBps, uint256 stabilityBps);

    /// @notice Role of the contracts that move funds on a payer's signed authorization (the CaesarProcessor).
    function PROCESSOR_ROLE() external view returns (bytes32);

    /// @notice Genesis time (unix s); day 0 starts here.
    function genesisTime() external view returns (uint256);

    /// @notice Days since genesis.
    function today() external view returns (uint256);

    /// @notice The demurrage index now (WAD; 1e18 at genesis), as the next transfer will use it.
    function index() external view returns (uint256);

    /// @notice Kind of `account`.
    function kindOf(address account) external view returns (Kind);

    /// @notice Base units of a decaying account, or the nominal balance of an exempt account or a pool.
    function baseOf(address account) external view returns (uint256);

    /// @notice Sum of the base units of all decaying accounts.
    function totalBase() external view returns (uint256);

    /// @notice Sum of the nominal balances of exempt accounts and pools.
    function nominalTotal() external view returns (uint256);

    /// @notice Wei owed to the fee distributor and not yet in its balance: demurrage, fees and rounding,
    /// `totalSupply - nominalTotal - ceil(totalBase * index)`.
    function accrued() external view returns (uint256);

    /// @notice The congestion factor now (bps of 1.0) and the transfers counted in the current window.
    function congestion() external view returns (uint256 congestionBps, uint256 transfers);

    /// @notice The cached fee factors (bps of 1.0).
    function factors() external view returns (uint256 liquidityBps, uint256 volatilityBps, uint256 stabilityBps);

    /// @notice Rapid-trade state of `account`: last receipt (unix s, 0 = never), rapid trades in the window, and the
    /// window start (unix s, 0 = none).
    function speculationOf(
        address account
    ) external view returns (uint256 lastReceipt, uint256 rapidCount, uint256 windowStart);

    /// @notice A registered pool's net flow (wei in minus wei out, by transfer amount) in its current window, and the
    /// window's start (unix s); (0, 0) before its first transfer as a pool. A window ends `window` seconds after its
    /// start; the next pool transfer starts a new one from zero.
    function netFlowOf(address pool) external view returns (int256 netFlow, uint256 windowStart);

    /// @notice The cached net-flow limit of every registered pool (wei, either direction) and the window (s).
    function netFlowLimit() external view returns (uint256 limit, uint256 window);

    /// @notice The fee distributor (receives the accrual on `settle`).
    function feeDistributor() external view returns (address);

    /// @notice The stability reserve (receives penalties).
    function stabilityReserve() external view returns (address);

    /// @notice Exactly what `transfer`/`transferFrom` of `amount` from `from` to `to` would do in this block.
    function quoteTransfer(address from, address to, uint256 amount) external view returns (Quote memory);

    /// @notice Transfers the caller's whole balance to `to` (fees deducted from it); returns the net received.
    function transferAll(address to) external returns (uint256 net);

    /// @notice What `transferFromAuthorized(from, to, amount, _, regionalBps)` would do in this block: the path of
    /// `transfer` with the fee's regional factor `regionalBps` (bps of 1.0, clamped to [0.5, 2.0]).
    function quoteAuthorized(
        address from,
        address to,
        uint256 amount,
        uint256 regionalBps
    ) external view returns (Quote memory);

    /// @notice Moves `amount` from `from` to `to` on `from`'s authorization, checked by the caller (the processor
    /// verifies the EIP-712 signature, the nonce and the validity window). The exact path of `transfer` (the same
    /// penalty, demurrage rounding and events) with the fee's regional factor `regionalBps` (the payer's region as
    /// the processor quotes it; 10,000 = neutral, the factor of a plain transfer; clamped to [0.5, 2.0]), so
    /// `quoteAuthorized` in the same block returns the same Quote. Reverts `CaesarChargeAboveMax` if fee + penalty
    /// exceed `maxCharge`. Only PROCESSOR_ROLE.
    /// @return q what the transfer charged and delivered
    function transferFromAuthorized(
        address from,
        address to,
        uint256 amount,
        uint256 maxCharge,
        uint256 regionalBps
    ) external returns (Quote memory q);

    /// @notice Moves `accrued()` into the fee distributor's balance. Anyone.
    /// @return amount the wei settled
    function settle() external returns (uint256 amount);

    /// @notice Applies `pool`'s demurrage since its last sync and calls its `sync()`. Anyone, at most once a day.
    /// @return decay the wei the pool's balance lost
    function syncPool(address pool) external returns (uint256 decay);

    /// @notice Re-reads every parameter from the registry into the cache (re-anchoring the index when the
    /// demurrage rate changed). Anyone.
    function refreshParameters() external;

    /// @notice Re-reads the liquidity and volatility feeds (FeedReader; a stale or bad feed gives the neutral 1.0)
    /// and the stability source (a revert gives neutral) into the cache. Anyone.
    function refreshFactors() external;

    /// @notice Sets the kind of `account`, keeping its balance (a pool starts its sync clock today). Admin only.
    function setKind(address account, Kind kind) external;

    /// @notice Sets the fee distributor (made exempt). Admin only.
    function setFeeDistributor(address distributor) external;

    /// @notice Sets the stability reserve (made exempt). Admin only.
    function setStabilityReserve(address reserve) external;

    /// @notice Sets the stability gate (made exempt), asked on every transfer from or to a registered pool whether
    /// that direct trade may pass (IStabilityHook); address(0) removes it. Wallet transfers never ask. A replaced gate
    /// stays exempt so that its escrowed entries refund exactly; revoke it with `setKind` once it is empty. Admin only.
    function setStabilityGate(address gate) external;

    /// @notice The stability gate (address(0): none).
    function stabilityGate() external view returns (address);

    /// @notice Sets the feeds and the stability source (address(0) = neutral factor). Admin only.
    function setFactorSources(address liquidityFeed, address volatilityFeed, address stabilitySource) external;
}
