"""service network: regions, sectors, window kinds, centres of every level, 通办 listings, 代办 projects

Moves the existing data: a city region 330100 示范市 holds the existing centre (市政务服务中心), its windows
become 综合窗口 of their sector, departments and items belong to the city; every case gets its window's
centre (or the one centre) and both region codes; window candidate groups and notifications
``window:<sector>`` become ``window:<centre_code>:<sector>``.

Revision ID: a1e7c0de0001
Revises: f4a0a9e50001
Create Date: 2026-12-01 09:40:00

"""
from alembic import op
import sqlalchemy as sa

import app.database


revision = 'a1e7c0de0001'
down_revision = 'f4a0a9e50001'
branch_labels = None
depends_on = None

CITY = {'code': '330100', 'name': '示范市', 'level': 'city', 'scope_prefix': '3301'}
SECTORS = [('economy', '经济发展', 1), ('construction', '城市建设', 2), ('social', '社会服务', 3),
           ('commerce', '商事登记', 4), ('public_security', '公安', 5)]
WINDOW_KINDS = [('comprehensive', '综合窗口', 'sector'), ('professional', '专业综合窗口', 'sector'),
                ('general', '全科窗口', 'all')]
OLD_ROLES = "('clerk', 'handler', 'reviewer', 'approver', 'head', 'supervisor', 'designer', 'admin')"
NEW_ROLES = "('clerk', 'handler', 'reviewer', 'approver', 'head', 'supervisor', 'designer', 'admin', 'agent')"
#: a single-segment window group (``window:commerce``), not yet qualified with a centre
_SINGLE_WINDOW_GROUP = "{col} LIKE 'window:%' AND {col} NOT LIKE 'window:%:%'"


def _create_tables():
    op.create_table('regions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('scope_prefix', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['regions.id'], name=op.f('fk_regions_parent_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regions')),
    sa.UniqueConstraint('code', name=op.f('uq_regions_code'))
    )
    with op.batch_alter_table('regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regions_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_regions_scope_prefix'), ['scope_prefix'], unique=False)

    op.create_table('sectors',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_sectors'))
    )
    op.create_table('window_kinds',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('accepts', sa.String(length=20), nullable=False),
    sa.CheckConstraint("accepts IN ('sector', 'all')", name=op.f('ck_window_kinds_accepts_known')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_window_kinds'))
    )
    op.create_table('tongban_listings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_code', sa.String(length=50), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("mode IN ('online', 'proxy', 'joint')", name=op.f('ck_tongban_listings_mode_known')),
    sa.CheckConstraint("scope IN ('city', 'province', 'national')", name=op.f('ck_tongban_listings_scope_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tongban_listings')),
    sa.UniqueConstraint('item_code', 'scope', name='uq_tongban_listings_item_scope')
    )
    with op.batch_alter_table('tongban_listings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tongban_listings_item_code'), ['item_code'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=50), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('agent_user_id', sa.Integer(), nullable=True),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agent_user_id'], ['users.id'], name=op.f('fk_projects_agent_user_id_users')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_projects_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('code', name=op.f('uq_projects_code'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_agent_user_id'), ['agent_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_region_id'), ['region_id'], unique=False)


def _add_columns():
    """Every new column nullable first; the data move fills them, then :func:`_tighten` sets NOT NULL."""
    with op.batch_alter_table('service_centres', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('parent_centre_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hours', sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f('ix_service_centres_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_centres_parent_centre_id'), ['parent_centre_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_service_centres_region_id_regions'), 'regions',
                                    ['region_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_service_centres_parent_centre_id_service_centres'),
                                    'service_centres', ['parent_centre_id'], ['id'])

    with op.batch_alter_table('windows', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.alter_column('sector', existing_type=sa.String(length=40), nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_windows_kind_window_kinds'), 'window_kinds', ['kind'], ['code'])
        batch_op.create_foreign_key(batch_op.f('fk_windows_sector_sectors'), 'sectors', ['sector'], ['code'])

    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('short_name', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('review_authority', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_departments_region_id'), ['region_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_departments_region_id_regions'), 'regions', ['region_id'], ['id'])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('centre_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_users_centre_id'), ['centre_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_region_id_regions'), 'regions', ['region_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_users_centre_id_service_centres'), 'service_centres',
                                    ['centre_id'], ['id'])
        batch_op.drop_constraint(op.f('ck_users_role_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_users_role_known'), sa.text(f"role IN {NEW_ROLES}"))

    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('base_code', sa.String(length=50), nullable=True))
        batch_op.create_index(batch_op.f('ix_service_items_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_items_base_code'), ['base_code'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_service_items_region_id_regions'), 'regions', ['region_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_service_items_sector_sectors'), 'sectors', ['sector'], ['code'])

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('receiving_centre_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('receiving_region_code', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('handling_region_code', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('tongban_scope', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('agent_user_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('agent_kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('agent_name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('agent_id_number', sa.String(length=18), nullable=True))
        batch_op.add_column(sa.Column('authorisation_material_code', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('project_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_receiving_centre_id'), ['receiving_centre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_receiving_region_code'), ['receiving_region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_handling_region_code'), ['handling_region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_agent_user_id'), ['agent_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_project_id'), ['project_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cases_receiving_centre_id_service_centres'), 'service_centres',
                                    ['receiving_centre_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_agent_user_id_users'), 'users', ['agent_user_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_project_id_projects'), 'projects', ['project_id'], ['id'])


def _run(sql, **params):
    return op.get_bind().execute(sa.text(sql), params)


def _seed_reference_data():
    """Sectors and window kinds, before any foreign key to them exists."""
    run = _run
    for code, name, position in SECTORS:
        run("INSERT INTO sectors (code, name, position) VALUES (:code, :name, :position)",
            code=code, name=name, position=position)
    # sectors the existing data uses but the reference list lacks keep working as sectors of their own
    for (code,) in run("SELECT DISTINCT sector FROM windows UNION SELECT DISTINCT sector FROM service_items"):
        if code and code not in {s[0] for s in SECTORS}:
            run("INSERT INTO sectors (code, name, position) VALUES (:code, :code, 99)", code=code)
    for code, name, accepts in WINDOW_KINDS:
        run("INSERT INTO window_kinds (code, name, accepts) VALUES (:code, :name, :accepts)",
            code=code, name=name, accepts=accepts)


def _move_data():
    run = _run
    existing = run("SELECT (SELECT count(*) FROM service_centres) + (SELECT count(*) FROM departments)"
                   " + (SELECT count(*) FROM service_items)").scalar()
    if existing:
        run("INSERT INTO regions (code, name, level, scope_prefix) VALUES (:code, :name, :level, :scope_prefix)",
            **CITY)
        region_id = run("SELECT id FROM regions WHERE code = :code", code=CITY['code']).scalar()
        run("UPDATE service_centres SET region_id = :r, kind = 'city'", r=region_id)
        run("UPDATE departments SET region_id = :r", r=region_id)
        run("UPDATE service_items SET region_id = :r", r=region_id)
        run("UPDATE users SET region_id = :r WHERE role IN ('supervisor', 'designer', 'admin')", r=region_id)
    run("UPDATE service_centres SET hours = '' WHERE hours IS NULL")
    run("UPDATE windows SET kind = 'comprehensive'")

    one_centre = run("SELECT min(id) FROM service_centres").scalar()
    run("UPDATE cases SET receiving_centre_id = (SELECT w.centre_id FROM windows w WHERE w.id = cases.window_id)")
    if one_centre is not None:
        run("UPDATE cases SET receiving_centre_id = :c WHERE receiving_centre_id IS NULL", c=one_centre)
    run("UPDATE cases SET receiving_region_code = :code, handling_region_code = :code", code=CITY['code'])

    centre_of_task = ("SELECT sc.code FROM human_tasks ht JOIN cases c ON c.id = ht.case_id"
                      " JOIN service_centres sc ON sc.id = c.receiving_centre_id"
                      " WHERE ht.id = task_candidates.task_id")
    run(f"UPDATE task_candidates SET group_name = 'window:' || ({centre_of_task}) || ':' || substr(group_name, 8)"
        f" WHERE {_SINGLE_WINDOW_GROUP.format(col='group_name')} AND EXISTS ({centre_of_task})")
    centre_of_case = ("SELECT sc.code FROM cases c JOIN service_centres sc ON sc.id = c.receiving_centre_id"
                      " WHERE c.id = notifications.case_id")
    run(f"UPDATE notifications SET recipient_group = 'window:' || ({centre_of_case}) || ':'"
        f" || substr(recipient_group, 8)"
        f" WHERE {_SINGLE_WINDOW_GROUP.format(col='recipient_group')} AND EXISTS ({centre_of_case})")


def _tighten():
    with op.batch_alter_table('service_centres', schema=None) as batch_op:
        batch_op.alter_column('region_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('kind', existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column('hours', existing_type=sa.String(length=200), nullable=False)
    with op.batch_alter_table('windows', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=sa.String(length=40), nullable=False)
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.alter_column('region_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.alter_column('region_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('receiving_region_code', existing_type=sa.String(length=12), nullable=False)
        batch_op.alter_column('handling_region_code', existing_type=sa.String(length=12), nullable=False)


def upgrade():
    _create_tables()
    _seed_reference_data()
    _add_columns()
    _move_data()
    _tighten()


def downgrade():
    """Back to one centre with sector windows (lossy: the network's extra rows and columns are dropped)."""
    bind = op.get_bind()
    # window:<centre>:<sector> → window:<sector>
    for table, col in (('task_candidates', 'group_name'), ('notifications', 'recipient_group')):
        rows = bind.execute(sa.text(f"SELECT DISTINCT {col} FROM {table} WHERE {col} LIKE 'window:%:%'")).all()
        for (group,) in rows:
            bind.execute(sa.text(f"UPDATE {table} SET {col} = :new WHERE {col} = :old"),
                         {'new': 'window:' + group.rsplit(':', 1)[1], 'old': group})
    bind.execute(sa.text("DELETE FROM users WHERE role = 'agent'"))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_project_id_projects'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_cases_agent_user_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_cases_receiving_centre_id_service_centres'), type_='foreignkey')
        for name in ('project_id', 'agent_user_id', 'handling_region_code', 'receiving_region_code',
                     'receiving_centre_id'):
            batch_op.drop_index(batch_op.f(f'ix_cases_{name}'))
        for name in ('project_id', 'authorisation_material_code', 'agent_id_number', 'agent_name', 'agent_kind',
                     'agent_user_id', 'tongban_scope', 'handling_region_code', 'receiving_region_code',
                     'receiving_centre_id'):
            batch_op.drop_column(name)
    with op.batch_alter_table('service_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_service_items_sector_sectors'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_service_items_region_id_regions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_service_items_base_code'))
        batch_op.drop_index(batch_op.f('ix_service_items_region_id'))
        batch_op.drop_column('base_code')
        batch_op.drop_column('region_id')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_role_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_users_role_known'), sa.text(f"role IN {OLD_ROLES}"))
        batch_op.drop_constraint(batch_op.f('fk_users_centre_id_service_centres'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_users_region_id_regions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_centre_id'))
        batch_op.drop_index(batch_op.f('ix_users_region_id'))
        batch_op.drop_column('centre_id')
        batch_op.drop_column('region_id')
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_departments_region_id_regions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_departments_region_id'))
        batch_op.drop_column('review_authority')
        batch_op.drop_column('short_name')
        batch_op.drop_column('region_id')
    bind.execute(sa.text("UPDATE windows SET sector = 'general' WHERE sector IS NULL"))
    with op.batch_alter_table('windows', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_windows_sector_sectors'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_windows_kind_window_kinds'), type_='foreignkey')
        batch_op.alter_column('sector', existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_column('active')
        batch_op.drop_column('kind')
    with op.batch_alter_table('service_centres', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_service_centres_parent_centre_id_service_centres'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_service_centres_region_id_regions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_service_centres_parent_centre_id'))
        batch_op.drop_index(batch_op.f('ix_service_centres_region_id'))
        batch_op.drop_column('hours')
        batch_op.drop_column('parent_centre_id')
        batch_op.drop_column('kind')
        batch_op.drop_column('region_id')
    op.drop_table('projects')
    op.drop_table('tongban_listings')
    op.drop_table('window_kinds')
    op.drop_table('sectors')
    op.drop_table('regions')
