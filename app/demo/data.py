"""A city service centre with four sector windows, six departments and a small real-looking catalogue."""

DEMO_PASSWORD = "Demo@2025"

#: reference data the migration also seeds (kept here so a wiped database can be seeded again)
SECTORS = [("economy", "经济发展", 1), ("construction", "城市建设", 2), ("social", "社会服务", 3),
           ("commerce", "商事登记", 4), ("public_security", "公安", 5)]
WINDOW_KINDS = [("comprehensive", "综合窗口", "sector"), ("professional", "专业综合窗口", "sector"),
                ("general", "全科窗口", "all")]

CITY = {"code": "330100", "name": "示范市", "level": "city"}

CENTRE = {"code": "330100", "kind": "city", "hours": "周一至周五 9:00-17:00，周六 9:00-12:00", "name": "示范市政务服务中心", "address": "示范市市民中心B座1-3层", "phone": "0571-12345"}

WINDOWS = [
    {"code": "W-ECONOMY", "name": "经济发展综合窗口", "sector": "economy"},
    {"code": "W-CONSTRUCTION", "name": "城市建设综合窗口", "sector": "construction"},
    {"code": "W-SOCIAL", "name": "社会服务综合窗口", "sector": "social"},
    {"code": "W-COMMERCE", "name": "商事登记综合窗口", "sector": "commerce"},
]

DEPARTMENTS = [
    {"code": "SCJGJ", "name": "示范市市场监督管理局", "credit_code": None, "short_name": "示范市监"},
    {"code": "ZJJ", "name": "示范市住房和城乡建设局", "credit_code": None, "short_name": "示范建"},
    {"code": "XFZD", "name": "示范市消防救援支队", "credit_code": None, "short_name": "示范消"},
    {"code": "WJW", "name": "示范市卫生健康委员会", "credit_code": None, "short_name": "示范卫"},
    {"code": "ZRZYJ", "name": "示范市自然资源和规划局", "credit_code": None, "short_name": "示范规"},
    {"code": "FGW", "name": "示范市发展和改革委员会", "credit_code": None, "short_name": "示范发改"},
    {"code": "CGJ", "name": "示范市城市管理局", "credit_code": None, "short_name": "示范城管"},
    # the item-review authorities (rules/item_review.toml)
    {"code": "XZSPJ", "name": "示范市行政审批服务局", "credit_code": None, "short_name": "示范审批",
     "review_authority": "approval_office"},
    {"code": "SFJ", "name": "示范市司法局", "credit_code": None, "short_name": "示范司法", "review_authority": "justice"},
    {"code": "CZJ", "name": "示范市财政局", "credit_code": None, "short_name": "示范财", "review_authority": "finance"},
    {"code": "RSJ", "name": "示范市人力资源和社会保障局", "credit_code": None, "short_name": "示范人社",
     "review_authority": "human_resources"},
]
#: 咨询电话 / 监督投诉电话 of the departments, printed in the 办事指南 of their items
_PHONES = {"SCJGJ": ("0571-87001201", "0571-12315"), "ZJJ": ("0571-87001202", "0571-87001302"),
           "XFZD": ("0571-87001203", "0571-87001303"), "WJW": ("0571-87001204", "0571-87001304"),
           "ZRZYJ": ("0571-87001205", "0571-87001305"), "FGW": ("0571-87001206", "0571-87001306"),
           "CGJ": ("0571-87001207", "0571-87001307")}
for _department in DEPARTMENTS:
    _department["consult_phone"], _department["supervision_phone"] = _PHONES.get(_department["code"], ("", ""))

# (username, display name, role, department code, window code)
USERS = [
    ("admin", "系统管理员", "admin", None, None),
    ("designer", "流程设计员 周工", "designer", None, None),
    ("supervisor", "电子监察 钱督查", "supervisor", None, None),
    ("clerk_commerce", "商事窗口 王敏", "clerk", None, "W-COMMERCE"),
    ("clerk_construction", "建设窗口 李强", "clerk", None, "W-CONSTRUCTION"),
    ("clerk_social", "社会窗口 赵丽", "clerk", None, "W-SOCIAL"),
    ("clerk_economy", "经济窗口 孙浩", "clerk", None, "W-ECONOMY"),
]
_DEPT_PEOPLE = {
    "SCJGJ": ("陈", "林", "黄", "吴"), "ZJJ": ("刘", "杨", "郑", "冯"), "XFZD": ("何", "罗", "高", "梁"),
    "WJW": ("宋", "唐", "许", "韩"), "ZRZYJ": ("邓", "曹", "彭", "曾"), "FGW": ("萧", "田", "董", "袁"),
    "CGJ": ("苏", "潘", "杜", "戴"),
}
_ROLE_TITLES = (("handler", "承办"), ("reviewer", "审核"), ("approver", "首席代表"), ("head", "负责人"))
for _dept, _surnames in _DEPT_PEOPLE.items():
    for (_role, _title), _surname in zip(_ROLE_TITLES, _surnames, strict=True):
        USERS.append((f"{_dept.lower()}_{_role}", f"{_surname}工", _role, _dept, None))  # the page shows the department
for _dept, _surname in (("XZSPJ", "江"), ("SFJ", "沈"), ("CZJ", "蒋"), ("RSJ", "韦")):
    USERS.append((f"{_dept.lower()}_approver", f"{_surname}工", "approver", _dept, None))
#: retiring a published item takes a second reviewer of the authority (app.catalogue.versions.retire)
USERS.append(("xzspj_head", "江工", "head", "XZSPJ", None))


def _materials(*rows):
    return [
        {"code": code, "name": name, "originals": originals, "copies": copies, "required": required,
         "issuing_body": body, "form": "paper", "standard": standard}
        for code, name, originals, copies, required, body, standard in rows
    ]


ITEMS = [
    {
        "code": "330100-XK-001", "basic_code": "000116011000", "name": "食品经营许可",
        "item_type": "01", "exercise_level": "3", "case_type": "2", "sector": "commerce",
        "department": "SCJGJ", "co_departments": [],
        "legal_basis": "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
        "service_objects": ["1", "2"], "acceptance_conditions": "已取得营业执照或其他主体资格证明文件；有与经营食品相适应的经营场所。",
        "legal_limit": 10, "promised_limit": 5, "charges_fee": False, "handling_forms": ["1", "2"],
        "online_depth": "III", "result_name": "食品经营许可证", "process_key": "standard_approval",
        "materials": _materials(
            ("M01", "食品经营许可申请书", 1, 0, True, "申请人自备", "申请人签字或盖章"),
            ("M02", "营业执照", 0, 1, True, "市场监督管理部门", "复印件加盖公章"),
            ("M03", "法定代表人（负责人）身份证明", 0, 1, True, "公安机关", "在有效期内"),
            ("M04", "经营场所平面布局图和设备布局图", 1, 0, True, "申请人自备", "标明功能区和面积"),
            ("M05", "食品安全管理制度目录", 1, 0, False, "申请人自备", ""),
        ),
        # 示例样表 of the application (a static demo file; a centre links its own samples per material)
        "samples": {"M01": "/static/samples/food-licence-application.html"},
    },
    {
        "code": "330100-XK-002", "basic_code": "000113007000", "name": "建筑工程施工许可证核发",
        "item_type": "01", "exercise_level": "3", "case_type": "2", "sector": "construction",
        "department": "ZJJ", "co_departments": [],
        "legal_basis": "《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》",
        "service_objects": ["2"], "acceptance_conditions": "已办理用地批准手续，已取得建设工程规划许可证，已确定施工企业。",
        "legal_limit": 7, "promised_limit": 3, "charges_fee": False, "handling_forms": ["1", "2"],
        "online_depth": "IV", "result_name": "建筑工程施工许可证", "process_key": "standard_approval",
        "materials": _materials(
            ("M01", "建筑工程施工许可申请表", 1, 0, True, "申请人自备", "建设单位盖章"),
            ("M02", "建设工程规划许可证", 0, 1, True, "自然资源和规划部门", ""),
            ("M03", "施工合同", 0, 1, True, "申请人自备", "发承包双方盖章"),
            ("M04", "施工图设计文件审查合格书", 0, 1, True, "施工图审查机构", ""),
        ),
    },
    {
        "code": "330100-XK-004", "basic_code": "000117009000", "name": "医疗机构执业登记",
        "item_type": "01", "exercise_level": "3", "case_type": "2", "sector": "social",
        "department": "WJW", "co_departments": [],
        "legal_basis": "《医疗机构管理条例》第十五条、第十六条",
        "service_objects": ["2", "3", "4"], "acceptance_conditions": "已取得设置医疗机构批准书（按规定免于设置审批的除外）。",
        "legal_limit": 45, "promised_limit": 20, "charges_fee": False, "handling_forms": ["1", "2"],
        "online_depth": "III", "result_name": "医疗机构执业许可证", "process_key": "standard_approval",
        "materials": _materials(
            ("M01", "医疗机构执业登记申请书", 1, 0, True, "申请人自备", ""),
            ("M02", "医疗机构用房产权证明或使用证明", 0, 1, True, "不动产登记机构", ""),
            ("M03", "医疗机构建筑设计平面图", 1, 0, True, "申请人自备", ""),
            ("M04", "医疗机构规章制度", 1, 0, True, "申请人自备", ""),
            ("M05", "卫生技术人员名录及资格证书", 0, 1, True, "卫生健康部门", ""),
        ),
    },
    {
        "code": "330100-XK-005", "basic_code": "000113011000", "name": "建设工程竣工联合验收",
        "item_type": "01", "exercise_level": "3", "case_type": "2", "sector": "construction",
        "department": "ZJJ", "co_departments": ["XFZD", "ZRZYJ"],
        "legal_basis": "《中华人民共和国行政许可法》第二十六条；《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》",
        "service_objects": ["2"], "acceptance_conditions": "工程已按设计和合同要求完成全部施工内容，建设单位已组织竣工验收。",
        "legal_limit": 45, "promised_limit": 15, "charges_fee": False, "handling_forms": ["1", "2"],
        "online_depth": "III", "result_name": "建设工程竣工联合验收意见书", "process_key": "joint_approval",
        "materials": _materials(
            ("M01", "竣工联合验收申请表", 1, 0, True, "申请人自备", "建设单位盖章"),
            ("M02", "工程竣工验收报告", 1, 0, True, "建设单位", ""),
            ("M03", "消防验收申请表及消防设施检测报告", 1, 0, True, "消防技术服务机构", ""),
            ("M04", "建设工程规划核实测量成果报告", 1, 0, True, "测绘单位", ""),
        ),
    },
    {
        "code": "330100-JB-001", "basic_code": "000116020000", "name": "个体工商户变更登记（经营者住所变更）",
        "item_type": "10", "exercise_level": "4", "case_type": "1", "sector": "commerce",
        "department": "SCJGJ", "co_departments": [],
        "legal_basis": "《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》第二十四条",
        "service_objects": ["1"], "acceptance_conditions": "个体工商户登记事项发生变更。",
        "legal_limit": 3, "promised_limit": 0, "charges_fee": False, "handling_forms": ["1", "2", "3"],
        "online_depth": "IV", "result_name": "营业执照", "process_key": "instant_case",
        "materials": _materials(
            ("M01", "个体工商户变更登记申请书", 1, 0, True, "申请人自备", "经营者签字"),
            ("M02", "经营者身份证明", 0, 1, True, "公安机关", ""),
        ),
    },
    {
        "code": "330100-XK-006", "basic_code": "000114002000", "name": "公众聚集场所投入使用、营业前消防安全检查",
        "item_type": "01", "exercise_level": "3", "case_type": "2", "sector": "construction",
        "department": "XFZD", "co_departments": [],
        "legal_basis": "《中华人民共和国消防法》第十五条",
        "service_objects": ["1", "2"], "acceptance_conditions": "场所已依法取得营业执照，消防设施已按标准设置。",
        "legal_limit": 10, "promised_limit": 7, "charges_fee": False, "handling_forms": ["1", "2"],
        "online_depth": "III", "result_name": "公众聚集场所投入使用、营业前消防安全检查意见书",
        "process_key": "standard_approval",
        "materials": _materials(
            ("M01", "公众聚集场所投入使用、营业消防安全告知承诺书", 1, 0, True, "申请人自备", ""),
            # 告知承诺制: the inspection may run while the licence is being issued (一件事 开办餐饮店), so the copy is
            # not a condition of acceptance; a theme hands the e-licence over once issued (证照复用)
            ("M02", "营业执照", 0, 1, False, "市场监督管理部门", "已取得的提供复印件；与营业执照一并申请的，核发后共享电子证照"),
            ("M03", "场所平面布置图及消防设施平面图", 1, 0, True, "申请人自备", ""),
        ),
    },
    # the items of the theme 开办餐饮店 (rules/themes/) that the catalogue above lacked
    {
        "code": "330100-XK-007", "basic_code": "000116001000", "name": "市场主体设立登记",
        "item_type": "01", "exercise_level": "3", "case_type": "2", "sector": "commerce",
        "department": "SCJGJ", "co_departments": [],
        "legal_basis": "《中华人民共和国市场主体登记管理条例》第三条、第十九条",
        "service_objects": ["1", "2"], "acceptance_conditions": "名称、住所、经营范围等登记事项符合法律法规规定。",
        "legal_limit": 15, "promised_limit": 3, "charges_fee": False, "handling_forms": ["1", "2"],
        "online_depth": "III", "result_name": "营业执照", "process_key": "standard_approval",
        "materials": _materials(
            ("M01", "市场主体设立登记申请书", 1, 0, True, "申请人自备", "法定代表人（负责人）签字"),
            ("M02", "法定代表人（负责人）身份证明", 0, 1, True, "公安机关", "在有效期内"),
            ("M03", "住所（经营场所）使用证明", 0, 1, True, "申请人自备", "产权证明或租赁合同"),
        ),
    },
    {
        "code": "330100-XK-008", "basic_code": "000120005000", "name": "户外招牌设置",
        "item_type": "01", "exercise_level": "3", "case_type": "2", "sector": "construction",
        "department": "CGJ", "co_departments": [],
        "legal_basis": "《城市市容和环境卫生管理条例》第十一条",
        "service_objects": ["1", "2"], "acceptance_conditions": "招牌设置符合城市户外招牌设置规划和技术规范。",
        "legal_limit": 20, "promised_limit": 5, "charges_fee": False, "handling_forms": ["1", "2"],
        "online_depth": "III", "result_name": "户外招牌设置审批决定书", "process_key": "standard_approval",
        "materials": _materials(
            ("M01", "户外招牌设置申请表", 1, 0, True, "申请人自备", ""),
            ("M02", "营业执照", 0, 1, True, "市场监督管理部门", ""),
            ("M03", "招牌设计效果图及尺寸说明", 1, 0, True, "申请人自备", "标明尺寸、材质和安装位置"),
        ),
    },
]
