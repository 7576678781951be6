"""Labels that other packages define in Chinese (statuses, roles, event names, error texts) and the pages show
through ``_()`` at run time. Listed here only so ``pybabel extract`` puts them in the catalogue; a label added
elsewhere later is shown in Chinese until it is added here and translated."""
from flask_babel import lazy_gettext as _l

RUNTIME_LABELS = (
    # roles (app.accounts.models.ROLES)
    _l("综合窗口受理人员"), _l("承办人"), _l("审核人"), _l("审批人（首席代表）"), _l("部门负责人"),
    _l("电子监察人员"), _l("流程设计人员"), _l("系统管理员"), _l("代办员"),
    # the service network (app.network.models): region levels, centre kinds, review authorities
    _l("省"), _l("市"), _l("区县"), _l("街道（乡镇）"), _l("社区（村）"), _l("市政务服务中心"), _l("区县政务服务中心"),
    _l("分中心"), _l("为民服务中心"), _l("便民服务站"), _l("行政审批局"), _l("司法局"), _l("财政局"),
    _l("人力资源和社会保障局"),
    # case events (app.cases.events.EVENT_LABELS)
    _l("收件"), _l("受理"), _l("补正一次告知"), _l("补正材料接收"), _l("不予受理"), _l("办理"), _l("退回"),
    _l("作出决定"), _l("出件"), _l("办结"), _l("环节超期"), _l("超时自动退回窗口"), _l("督办签收"), _l("暂停计时"),
    _l("恢复计时"), _l("延长审批"), _l("电子监察发牌"), _l("监察牌申诉"), _l("申诉处理"), _l("重新转办"),
    # applicants, results, statuses, issue methods, decisions (app.cases.models, app.tasks.services)
    _l("自然人"), _l("法人或其他组织"), _l("准予许可"), _l("不予许可"), _l("补正中"), _l("办理中"), _l("待出件"),
    _l("已办结"), _l("窗口领取"), _l("邮寄送达"), _l("通过"), _l("补正"),
    # 撤件 and online applications (app.cases.models, app.cases.events, app.applications.models)
    _l("已撤件"), _l("申请人撤件"), _l("已终止"), _l("待预审"), _l("待补正"), _l("预审通过（已受理）"), _l("预审不通过"),
    # supervision (app.supervision)
    _l("正常"), _l("预警"), _l("黄牌"), _l("红牌"), _l("已发牌"), _l("申诉中"), _l("已撤销"), _l("已督办"),
    _l("维持"), _l("撤销"), _l("维持并督办"),
    # HTTP errors (app.errors.DEFAULT_MESSAGES)
    _l("请求格式错误"), _l("未登录或令牌无效"), _l("无权执行此操作"), _l("资源不存在"), _l("不支持的请求方法"),
    _l("当前状态不允许此操作"), _l("请求内容过大"), _l("请求数据校验失败"), _l("请求过于频繁，请稍后再试"),
    _l("服务器内部错误"), _l("错误"),
)
