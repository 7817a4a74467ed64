-- grain: one row per department (full official name); key: department_key
create table dim_department (
    department_key bigint primary key,
    department_name varchar not null unique,
    region varchar
);

comment on table dim_department is '部门 — department: one row per department, by full official name';
comment on column dim_department.department_key is '部门键 — department surrogate key (hash of the name, stable across runs)';
comment on column dim_department.department_name is '部门名称 — full official department name, e.g. 江门市工业和信息化局';
comment on column dim_department.region is '所属地区 — city or province the department belongs to, null when unknown';
