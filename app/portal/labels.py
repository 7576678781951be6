"""Labels of the code tables the portal's pages show through ``_()`` at run time (app.catalogue.models,
app.portal.catalogue, app.disclosure). Listed here only so ``pybabel extract`` puts them in the catalogue."""
from flask_babel import lazy_gettext as _l

RUNTIME_LABELS = (
    # item types, exercise levels, case types, service objects, online depths, handling forms (GB/T 39046)
    _l("行政许可"), _l("行政处罚"), _l("行政强制"), _l("行政征收"), _l("行政给付"), _l("行政检查"), _l("行政确认"),
    _l("行政奖励"), _l("行政裁决"), _l("其他行政权力"), _l("公共服务"),
    _l("国家级"), _l("省级"), _l("市级"), _l("县级"), _l("镇（乡、街道）级"), _l("村（社区）级"),
    _l("即办件"), _l("承诺件"), _l("其他"),
    _l("自然人"), _l("企业法人"), _l("事业法人"), _l("社会组织法人"), _l("行政机关"), _l("其他组织"),
    _l("一级"), _l("二级"), _l("三级"), _l("四级"),
    _l("窗口办理"), _l("电脑端网办"), _l("移动端办理"), _l("快递申请"),
    # browse entries and filter errors (app.portal.catalogue)
    _l("个人办事"), _l("法人办事"), _l("所选区划不存在"), _l("所选部门不存在"), _l("所选板块不存在"), _l("所选主题不存在"),
    _l("筛选条件无效"), _l("所选事项不存在"),
    # 办件公示 decisions (app.disclosure.services.DECISIONS)
    _l("准予"), _l("不予"),
    # sectors (data, seeded by the migration)
    _l("经济发展"), _l("城市建设"), _l("社会服务"), _l("商事登记"), _l("公安"),
)

#: what each online depth (网办深度) means for the applicant, shown in the guide
DEPTH_NOTES = {
    "I": _l("网上可查看办事指南、下载表格，需到窗口办理"),
    "II": _l("网上可预约、填报申请，材料到窗口提交"),
    "III": _l("网上受理和办理，到现场核验材料或领取结果最多跑一次"),
    "IV": _l("全程网上办理，结果网上送达或寄递，零跑动"),
}
