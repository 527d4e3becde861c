"""A PEP 517 build backend for the conformance runner (pyproject.toml).

Standard library only, so that `pip install .` works offline: there is no
setuptools to download. The wheel holds the package tower_conform, with the
scenarios and the goldens inside it (tower_conform/data/), and the
`tower-conform` command; the sdist holds what rebuilds that wheel.
"""

import base64
import hashlib
import io
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "tower_conform"
# (folder in the checkout, folder in the wheel)
TREES = ((ROOT / "tools" / PACKAGE, PACKAGE),
         (ROOT / "conformance", f"{PACKAGE}/data/conformance"),
         (ROOT / "golden", f"{PACKAGE}/data/golden"))
SDIST_FILES = ("pyproject.toml", "tools/tower_build.py", "tools/tower_conform",
               "conformance", "golden")


def _project():
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def _dist_name(project):
    return project["name"].replace("-", "_")


def _tree(folder, prefix):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield f"{prefix}/{path.relative_to(folder).as_posix()}", path


def _metadata(project):
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}",
             f"Version: {project['version']}", f"Summary: {project['description']}",
             f"Requires-Python: {project['requires-python']}"]
    return "\n".join(lines) + "\n"


def _dist_info_files(project):
    scripts = "".join(f"{name} = {target}\n" for name, target in project["scripts"].items())
    return {"METADATA": _metadata(project),
            "WHEEL": "Wheel-Version: 1.0\nGenerator: tower_build\nRoot-Is-Purelib: true\n"
                     "Tag: py3-none-any\n",
            "entry_points.txt": f"[console_scripts]\n{scripts}"}


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    dist = _dist_name(project)
    info = f"{dist}-{project['version']}.dist-info"
    name = f"{dist}-{project['version']}-py3-none-any.whl"
    record = []
    with zipfile.ZipFile(Path(wheel_directory) / name, "w", zipfile.ZIP_DEFLATED) as wheel:
        def add(arcname, data):
            wheel.writestr(zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0)), data)
            record.append(_record_line(arcname, data))
        for folder, prefix in TREES:
            for arcname, path in _tree(folder, prefix):
                add(arcname, path.read_bytes())
        for filename, text in _dist_info_files(project).items():
            add(f"{info}/{filename}", text.encode())
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return name


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    base = f"{_dist_name(project)}-{project['version']}"
    name = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / name, "w:gz") as tar:
        for entry in SDIST_FILES:
            path = ROOT / entry
            files = [(e, p) for e, p in _tree(path, entry)] if path.is_dir() else [(entry, path)]
            for arcname, source in files:
                tar.add(source, f"{base}/{arcname}", recursive=False)
        pkg_info = _metadata(project).encode()
        member = tarfile.TarInfo(f"{base}/PKG-INFO")
        member.size = len(pkg_info)
        tar.addfile(member, io.BytesIO(pkg_info))
    return name
