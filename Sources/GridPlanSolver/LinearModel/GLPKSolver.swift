import CGLPK
import Foundation

/// The GLPK backend of `LinearModel`: builds a `glp_prob`, solves it with `glp_intopt`, reads the
/// incumbent, best bound and gap, and deletes the problem on every path.
///
/// Every call creates, solves and deletes its problem on the calling OS thread (GLPK links each
/// allocation to the thread's environment), so call it from one synchronous context — a dedicated
/// `Thread` for parallel parts, see `SolveThreads`. Models are validated in Swift first: GLPK aborts
/// the process on bad input instead of returning an error.
public enum GLPKSolver {
    /// GLPK's version, e.g. `5.0`.
    public static var version: String { String(cString: glp_version()) }

    /// Solves `model` (minimisation).
    ///
    /// Without a start, GLPK's presolver runs (when `options.presolve`). With a start, presolve is
    /// off, the root LP is solved by the simplex method first, and the start — once it has passed
    /// `LinearModel.violations(of:)` — is handed to GLPK in the branch-and-cut callback
    /// (`glp_ios_heur_sol`), so the result is never worse than the start.
    ///
    /// - Throws: `LinearModelError` when the model or the options are invalid.
    public static func solve(_ model: LinearModel, options: MIPOptions = MIPOptions()) throws -> MIPResult {
        try model.validate()
        guard options.mipGap.isFinite, options.mipGap >= 0 else { throw LinearModelError("mip gap \(options.mipGap) must be ≥ 0") }
        if let t = options.timeLimitSeconds, !(t.isFinite && t >= 0) {
            throw LinearModelError("time limit \(t) must be a finite number of seconds ≥ 0")
        }
        let began = Date()
        var start = options.start
        var rejection: String?
        if let s = start {
            let v = model.violations(of: s)
            if !v.isEmpty {
                rejection = "start rejected (\(v.count) violations): " + v.prefix(3).joined(separator: "; ")
                start = nil
            }
        }
        let startObjective = start.map { model.objective(of: $0) }

        let previousTerm = glp_term_out(options.verbose ? GLP_ON : GLP_OFF)
        defer { glp_term_out(previousTerm) }
        let prob = build(model)
        defer { glp_delete_prob(prob) }

        func remainingMs() -> Int32 {
            guard let t = options.timeLimitSeconds else { return Int32.max }
            let left = t - Date().timeIntervalSince(began)
            return Int32(max(1, min(Double(Int32.max - 1), (left * 1000).rounded(.down))))
        }
        var nodesSeen = 0, nodeStop = false
        var lpBound = -Double.infinity
        func fromStart(_ status: MIPStatus, bound: Double, hitLimit: Bool) -> MIPResult {
            var r: MIPResult
            if let s = start, let obj = startObjective {
                r = MIPResult(status: .feasible, values: s, objective: obj, bound: min(bound, obj),
                              gap: MIPResult.relativeGap(objective: obj, bound: min(bound, obj)), hitTimeLimit: hitLimit,
                              hitNodeLimit: nodeStop, nodes: nodesSeen, startAccepted: false,
                              startRejection: rejection, seconds: Date().timeIntervalSince(began))
            } else {
                r = MIPResult(status: status, values: [], objective: .infinity, bound: bound, gap: .infinity,
                              hitTimeLimit: hitLimit, hitNodeLimit: nodeStop, nodes: nodesSeen, startAccepted: false,
                              startRejection: rejection, seconds: Date().timeIntervalSince(began))
            }
            r.rootBound = lpBound.isFinite ? lpBound : nil
            return r
        }

        let usePresolve = options.presolve && start == nil
        if !usePresolve {
            var smcp = glp_smcp()
            glp_init_smcp(&smcp)
            smcp.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
            smcp.tm_lim = remainingMs()
            smcp.presolve = GLP_OFF
            startFast(prob, &smcp)
            let rc = glp_simplex(prob, &smcp)
            if rc == GLP_ETMLIM { return fromStart(.noSolution, bound: -.infinity, hitLimit: true) }
            let st = glp_get_status(prob)
            if st == GLP_NOFEAS { return fromStart(.infeasible, bound: .infinity, hitLimit: false) }
            if st == GLP_UNBND { return fromStart(.unbounded, bound: -.infinity, hitLimit: false) }
            guard rc == 0, st == GLP_OPT else { return fromStart(.noSolution, bound: -.infinity, hitLimit: false) }
            lpBound = glp_get_obj_val(prob) + model.objectiveConstant
        }

        let context = CallbackContext(start: start, constant: model.objectiveConstant, progress: options.progress,
                                      nodeLimit: options.nodeLimit)
        var iocp = glp_iocp()
        glp_init_iocp(&iocp)
        iocp.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        iocp.tm_lim = remainingMs()
        iocp.mip_gap = options.mipGap
        iocp.presolve = usePresolve ? GLP_ON : GLP_OFF
        iocp.gmi_cuts = options.gomoryCuts ? GLP_ON : GLP_OFF
        iocp.mir_cuts = options.mirCuts ? GLP_ON : GLP_OFF
        iocp.cov_cuts = (options.coverCuts && !options.inParallel) ? GLP_ON : GLP_OFF
        iocp.clq_cuts = options.cliqueCuts ? GLP_ON : GLP_OFF
        iocp.cb_func = glpkCallback
        iocp.cb_info = Unmanaged.passUnretained(context).toOpaque()
        let rc = withExtendedLifetime(context) { glp_intopt(prob, &iocp) }
        let hitLimit = rc == GLP_ETMLIM
        let hitNodes = rc == GLP_ESTOP && context.stoppedAtNodeLimit
        nodesSeen = context.nodes
        nodeStop = hitNodes
        let mipStatus = glp_mip_status(prob)
        if rc == GLP_ENOPFS || mipStatus == GLP_NOFEAS {
            return fromStart(.infeasible, bound: .infinity, hitLimit: false)
        }
        if rc == GLP_ENODFS { return fromStart(.unbounded, bound: -.infinity, hitLimit: false) }
        guard mipStatus == GLP_OPT || mipStatus == GLP_FEAS else {
            return fromStart(.noSolution, bound: max(lpBound, context.bestBound), hitLimit: hitLimit)
        }
        var values = [Double](repeating: 0, count: model.variableCount)
        for i in 0..<model.variableCount {
            let x = glp_mip_col_val(prob, Int32(i + 1))
            values[i] = model.variables[i].kind == .continuous ? x : x.rounded()
        }
        var objective = model.objective(of: values)
        if let s = start, let so = startObjective, so < objective - 1e-9 {
            // GLPK declined the start (e.g. it already held a better-looking point) and ended worse.
            values = s
            objective = so
        }
        let provenOptimal = rc == 0 && mipStatus == GLP_OPT
        let bound = provenOptimal ? objective : min(objective, max(lpBound, context.bestBound))
        let gap = provenOptimal ? 0 : MIPResult.relativeGap(objective: objective, bound: bound)
        let withinGap = provenOptimal || rc == GLP_EMIPGAP || gap <= options.mipGap
        var result = MIPResult(status: withinGap ? .optimal : .feasible, values: values, objective: objective, bound: bound,
                               gap: gap, hitTimeLimit: hitLimit, hitNodeLimit: hitNodes, nodes: context.nodes,
                               startAccepted: context.startAccepted, startRejection: rejection,
                               seconds: Date().timeIntervalSince(began))
        result.rootBound = lpBound.isFinite ? lpBound : nil
        return result
    }

    /// Solves the LP relaxation of `model` (integrality dropped) with the simplex method.
    ///
    /// - Returns: the optimum (constant included) and one value per column, or nil when the LP has no
    ///   optimum within `timeLimitSeconds`.
    /// - Throws: `LinearModelError` when the model is invalid.
    public static func solveRelaxation(_ model: LinearModel, timeLimitSeconds: Double? = nil, verbose: Bool = false) throws
        -> (objective: Double, values: [Double])? {
        try model.validate()
        let previousTerm = glp_term_out(verbose ? GLP_ON : GLP_OFF)
        defer { glp_term_out(previousTerm) }
        let prob = build(model)
        defer { glp_delete_prob(prob) }
        var smcp = glp_smcp()
        glp_init_smcp(&smcp)
        smcp.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF
        if let t = timeLimitSeconds { smcp.tm_lim = Int32(max(1, min(Double(Int32.max - 1), t * 1000))) }
        smcp.presolve = GLP_OFF
        startFast(prob, &smcp)
        guard glp_simplex(prob, &smcp) == 0, glp_get_status(prob) == GLP_OPT else { return nil }
        let values = (0..<model.variableCount).map { glp_get_col_prim(prob, Int32($0 + 1)) }
        return (glp_get_obj_val(prob) + model.objectiveConstant, values)
    }

    /// The LP start that measured fastest on the assignment models: Bixby's crash basis
    /// (`glp_cpx_basis`) and the dual simplex, falling back to the primal (`GLP_DUALP`). On the
    /// district's 49 parts the LP relaxations took 6.5 s instead of 37 s from the all-slack basis
    /// with the primal simplex (2 threads' time together); the optimum is the same.
    private static func startFast(_ prob: OpaquePointer, _ smcp: inout glp_smcp) {
        if glp_get_num_rows(prob) > 0 && glp_get_num_cols(prob) > 0 { glp_cpx_basis(prob) }
        smcp.meth = GLP_DUALP
    }

    /// Writes `model` in CPLEX LP format (`glp_write_lp`).
    ///
    /// - Throws: `LinearModelError` when the model is invalid or the file cannot be written.
    public static func writeLP(_ model: LinearModel, to path: String) throws {
        try model.validate()
        let previousTerm = glp_term_out(GLP_OFF)
        defer { glp_term_out(previousTerm) }
        let prob = build(model)
        defer { glp_delete_prob(prob) }
        if glp_write_lp(prob, nil, path) != 0 { throw LinearModelError("cannot write the LP file '\(path)'") }
    }

    /// Builds the GLPK problem of a validated model. The caller deletes it.
    private static func build(_ model: LinearModel) -> OpaquePointer {
        let prob = glp_create_prob()!
        glp_set_prob_name(prob, model.name)
        glp_set_obj_dir(prob, GLP_MIN)
        if model.rowCount > 0 { glp_add_rows(prob, Int32(model.rowCount)) }
        if model.variableCount > 0 { glp_add_cols(prob, Int32(model.variableCount)) }
        for (i, v) in model.variables.enumerated() {
            let j = Int32(i + 1)
            glp_set_col_name(prob, j, v.name)
            switch v.kind {
            case .binary: glp_set_col_kind(prob, j, GLP_BV)
            case .integer: glp_set_col_kind(prob, j, GLP_IV)
            case .continuous: glp_set_col_kind(prob, j, GLP_CV)
            }
            if v.kind != .binary {
                let type: Int32
                switch (v.lower.isFinite, v.upper.isFinite) {
                case (false, false): type = GLP_FR
                case (true, false): type = GLP_LO
                case (false, true): type = GLP_UP
                case (true, true): type = v.lower == v.upper ? GLP_FX : GLP_DB
                }
                glp_set_col_bnds(prob, j, type, v.lower.isFinite ? v.lower : 0, v.upper.isFinite ? v.upper : 0)
            }
            glp_set_obj_coef(prob, j, v.cost)
        }
        var ind = [Int32](), val = [Double]()
        for (i, r) in model.rows.enumerated() {
            let ri = Int32(i + 1)
            glp_set_row_name(prob, ri, r.name)
            switch r.sense {
            case .lessOrEqual: glp_set_row_bnds(prob, ri, GLP_UP, 0, r.rhs)
            case .greaterOrEqual: glp_set_row_bnds(prob, ri, GLP_LO, r.rhs, 0)
            case .equal: glp_set_row_bnds(prob, ri, GLP_FX, r.rhs, r.rhs)
            }
            ind.removeAll(keepingCapacity: true)
            val.removeAll(keepingCapacity: true)
            ind.append(0)
            val.append(0)
            for (c, a) in zip(r.columns, r.coefficients) {
                ind.append(Int32(c + 1))
                val.append(a)
            }
            glp_set_mat_row(prob, ri, Int32(r.columns.count), ind, val)
        }
        return prob
    }
}

/// What the branch-and-cut callback needs: the start to offer, the best bound seen, progress.
private final class CallbackContext {
    /// 1-based values (index 0 unused), as `glp_ios_heur_sol` wants them.
    let start: [Double]?
    let constant: Double
    let progress: (@Sendable (MIPProgress) -> Void)?
    var startOffered = false
    var startAccepted = false
    var bestBound = -Double.infinity
    var lastReport = Date.distantPast
    let nodeLimit: Int?
    var nodes = 0
    var stoppedAtNodeLimit = false

    init(start: [Double]?, constant: Double, progress: (@Sendable (MIPProgress) -> Void)?, nodeLimit: Int?) {
        self.start = start.map { [0] + $0 }
        self.constant = constant
        self.progress = progress
        self.nodeLimit = nodeLimit
    }
}

/// Branch-and-cut callback: offers the checked start once, records the best bound, stops at the node
/// limit, reports progress.
/// Written without throwing or unwinding: GLPK's frames are below it.
private let glpkCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
    guard let tree, let info else { return }
    let ctx = Unmanaged<CallbackContext>.fromOpaque(info).takeUnretainedValue()
    let reason = glp_ios_reason(tree)
    if reason == GLP_IHEUR, !ctx.startOffered, let s = ctx.start {
        ctx.startOffered = true
        let rc = s.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
        ctx.startAccepted = rc == 0
    }
    var active: Int32 = 0, current: Int32 = 0, total: Int32 = 0
    glp_ios_tree_size(tree, &active, &current, &total)
    ctx.nodes = Int(total)
    if let limit = ctx.nodeLimit, Int(total) >= limit, !ctx.stoppedAtNodeLimit {
        ctx.stoppedAtNodeLimit = true
        glp_ios_terminate(tree)
    }
    let node = glp_ios_best_node(tree)
    if node != 0 {
        let b = glp_ios_node_bound(tree, node) + ctx.constant
        if b.isFinite, b > ctx.bestBound { ctx.bestBound = b }
    }
    if let report = ctx.progress, Date().timeIntervalSince(ctx.lastReport) >= 0.5 {
        ctx.lastReport = Date()
        let gap = glp_ios_mip_gap(tree)
        let hasIncumbent = gap < Double.greatestFiniteMagnitude / 2
        let prob = glp_ios_get_prob(tree)
        let incumbent = hasIncumbent ? glp_mip_obj_val(prob) + ctx.constant : nil
        report(MIPProgress(incumbent: incumbent, bound: ctx.bestBound.isFinite ? ctx.bestBound : nil,
                           gap: hasIncumbent ? gap : nil))
    }
}
