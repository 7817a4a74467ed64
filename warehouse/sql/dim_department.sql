-- grain: one row per department (full official name); key: department_key
create table dim_department (
    department_key bigint primary key,
    department_name varchar not null unique,
    region varchar,
    province varchar,
    city varchar,
    county varchar,
    adcode varchar
);

comment on table dim_department is '部门 — department: one row per department, by full official name';
comment on column dim_department.department_key is '部门键 — department surrogate key (hash of the name, stable across runs)';
comment on column dim_department.department_name is '部门名称 — full official department name, e.g. 江门市工业和信息化局';
comment on column dim_department.region is '所属地区 — display region: the city, with the county for a county-level or lower body (益阳市南县), or the province for a provincial body; null when unknown';
comment on column dim_department.province is '省级 — province (or municipality) the department belongs to, official name; null when unknown';
comment on column dim_department.city is '地市级 — prefecture-level city (重庆市 for a Chongqing body); null for a provincial body or when unknown';
comment on column dim_department.county is '县级 — county-level division for a county-level or lower body; null otherwise';
comment on column dim_department.adcode is '行政区划代码 — 6-digit GB/T 2260 code of the most specific of province, city and county';
