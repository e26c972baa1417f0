# A device whose VFIO group is open (as by a running VM) is not stopped:
# mdevctl refuses at once instead of blocking in the kernel's remove.
load_mtty
U=$(new_uuid)
run start -p mtty -t mtty-1 -u "$U"
expect "start" 0
group=$(basename "$(readlink "$BUS/$U/iommu_group")")
check "the device has a VFIO group node (/dev/vfio/$group)" [ -c "/dev/vfio/$group" ]
exec 3<>"/dev/vfio/$group"
run stop -u "$U"
expect_error "stop refuses in one line" "^Error: device $U is in use"
check "the device still runs" [ -e "$BUS/$U" ]
exec 3>&-
run stop -u "$U"
expect "once the group is closed, stop works" 0
check "and the device is gone" [ ! -e "$BUS/$U" ]
